// ECDSA-SHA256 signatures in DER with S folded into the lower half of the curve order, as Fabric requires
// (its verifier rejects high-S signatures; Node's crypto.sign does not normalise).
import { sign, type KeyObject } from 'node:crypto';

/** Orders of the curves Fabric identities use, by OpenSSL curve name. */
const CURVE_ORDERS: Readonly<Record<string, bigint>> = {
  prime256v1: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  secp384r1: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
};

/** The order of the key's curve. @throws Error for keys that are not P-256/P-384 EC keys. */
export function curveOrder(key: KeyObject): bigint {
  const curve = key.asymmetricKeyDetails?.namedCurve;
  const order = curve === undefined ? undefined : CURVE_ORDERS[curve];
  if (key.asymmetricKeyType !== 'ec' || order === undefined) {
    throw new Error(`Unsupported signing key (${key.asymmetricKeyType ?? 'unknown'} ${curve ?? ''})`);
  }
  return order;
}

function toBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
}

/** DER INTEGER of a non-negative bigint: minimal big-endian bytes, with a 0x00 pad when the high bit is set. */
function derInteger(value: bigint): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  let body = Buffer.from(hex, 'hex');
  if ((body[0] ?? 0) >= 0x80) body = Buffer.concat([Buffer.from([0]), body]);
  return Buffer.concat([Buffer.from([0x02, body.length]), body]);
}

/** DER `SEQUENCE { INTEGER r, INTEGER s }` (short-form lengths suffice for P-256/P-384). */
export function encodeDerSignature(r: bigint, s: bigint): Buffer {
  const content = Buffer.concat([derInteger(r), derInteger(s)]);
  return Buffer.concat([Buffer.from([0x30, content.length]), content]);
}

/**
 * Signs SHA-256(`data`) with `key` and returns a DER signature whose S is at most n/2. `order` is the key's curve
 * order; callers that sign many times pass it once computed (reading the key's details costs more than the fold).
 */
export function signLowS(data: Uint8Array, key: KeyObject, order: bigint = curveOrder(key)): Buffer {
  const raw = sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' });
  const half = raw.length / 2;
  const r = toBigInt(raw.subarray(0, half));
  let s = toBigInt(raw.subarray(half));
  if (s > order / 2n) s = order - s;
  return encodeDerSignature(r, s);
}

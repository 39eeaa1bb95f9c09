// Recognises private key material in arbitrary file bytes: PEM blocks, raw DER (PKCS#8 and SEC1), the same DER as
// base64 or hex (how a key ends up in JSON or a log line), and private JWKs. Pure, so each form is unit-tested.

/** Which form of private key a file contains. */
export type PrivateKeyMarker = 'pem' | 'pkcs8-der' | 'sec1-der' | 'base64-der' | 'hex-der' | 'jwk';

const PEM_BLOCK = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;

// AlgorithmIdentifier OIDs (tag, length, value) of the key types a PKCS#8 PrivateKeyInfo can carry here.
const KEY_ALGORITHM_OIDS: readonly Buffer[] = [
  Buffer.from('06072a8648ce3d0201', 'hex'), // id-ecPublicKey
  Buffer.from('06092a864886f70d010101', 'hex'), // rsaEncryption
  Buffer.from('06032b6570', 'hex'), // Ed25519
  Buffer.from('06032b656e', 'hex'), // X25519
];

// ECPrivateKey (RFC 5915): version 1, then the private key as an OCTET STRING of 32, 48 or 66 bytes (P-256/384/521),
// then the [0] curve parameters. The trailing [0] tag keeps the check from firing on random bytes.
const SEC1_KEY_LENGTHS: readonly number[] = [0x20, 0x30, 0x42];

/** A PrivateKeyInfo / OneAsymmetricKey: `INTEGER 0|1`, then `SEQUENCE { <key algorithm OID> ... }`. */
function hasPkcs8Der(bytes: Buffer): boolean {
  for (const oid of KEY_ALGORITHM_OIDS) {
    for (let at = bytes.indexOf(oid); at !== -1; at = bytes.indexOf(oid, at + 1)) {
      if (at < 5) continue;
      const [tag, length, version, sequence] = [bytes[at - 5], bytes[at - 4], bytes[at - 3], bytes[at - 2]];
      if (tag === 0x02 && length === 0x01 && (version === 0x00 || version === 0x01) && sequence === 0x30) return true;
    }
  }
  return false;
}

function hasSec1Der(bytes: Buffer): boolean {
  const prefix = Buffer.from('02010104', 'hex');
  for (let at = bytes.indexOf(prefix); at !== -1; at = bytes.indexOf(prefix, at + 1)) {
    const keyLength = bytes[at + 4];
    if (keyLength === undefined || !SEC1_KEY_LENGTHS.includes(keyLength)) continue;
    if (bytes[at + 5 + keyLength] === 0xa0) return true;
  }
  return false;
}

function hasDer(bytes: Buffer): boolean {
  return hasPkcs8Der(bytes) || hasSec1Der(bytes);
}

/** Runs of base64 long enough to hold a key (a P-256 PKCS#8 key is 138 bytes, 184 characters). */
const BASE64_RUN = /[A-Za-z0-9+/]{120,}={0,2}/g;
const HEX_RUN = /(?:[0-9a-fA-F]{2}){100,}/g;

function hasEncodedDer(text: string, pattern: RegExp, encoding: 'base64' | 'hex'): boolean {
  for (const match of text.matchAll(pattern)) {
    if (hasDer(Buffer.from(match[0], encoding))) return true;
  }
  return false;
}

/** A JWK with a private component: `"d"` (EC, OKP, RSA) next to a `"kty"`. */
function hasPrivateJwk(text: string): boolean {
  return /"kty"\s*:\s*"(?:EC|RSA|OKP)"/.test(text) && /"d"\s*:\s*"[A-Za-z0-9_-]{20,}"/.test(text);
}

/** Every form of private key material found in `content` (empty when there is none). */
export function privateKeyMarkers(content: Uint8Array): PrivateKeyMarker[] {
  const bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  // latin1 maps every byte to one character, so text patterns also match inside binary files.
  const text = bytes.toString('latin1');
  const found: PrivateKeyMarker[] = [];
  if (PEM_BLOCK.test(text)) found.push('pem');
  if (hasPkcs8Der(bytes)) found.push('pkcs8-der');
  if (hasSec1Der(bytes)) found.push('sec1-der');
  if (hasEncodedDer(text, BASE64_RUN, 'base64')) found.push('base64-der');
  if (hasEncodedDer(text, HEX_RUN, 'hex')) found.push('hex-der');
  if (hasPrivateJwk(text)) found.push('jwk');
  return found;
}

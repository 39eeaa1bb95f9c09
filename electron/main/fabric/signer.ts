// How the app signs transactions: Node's own ECDSA (OpenSSL) instead of fabric-gateway's default signer, which computes
// P-256 in JavaScript (@noble/curves). A transaction takes three signatures (proposal, transaction, commit-status
// request); in JavaScript they were the largest share of the client's CPU per transaction under load (bench:scale).
import { hash, type Hash, type Signer } from '@hyperledger/fabric-gateway';
import type { KeyObject } from 'node:crypto';
import { curveOrder, signLowS } from '../identity/lowSSignature.ts';

/** A signer and the hash setting fabric-gateway's `connect` needs with it. */
export interface NativeSigning {
  /** Hashes (SHA-256) and signs the whole message, S folded into the lower half of the order as Fabric requires. */
  signer: Signer;
  /** `hash.none`: fabric-gateway hands the signer the message itself, since Node cannot sign a bare digest. */
  hash: Hash;
}

/**
 * Native ECDSA signing for fabric-gateway with `key` (P-256 or P-384, as Fabric CA issues).
 * @throws Error for keys that are not EC keys on those curves (checked here, not at the first transaction).
 */
export function newNativeSigning(key: KeyObject): NativeSigning {
  const order = curveOrder(key);
  return { signer: (message) => Promise.resolve(signLowS(message, key, order)), hash: hash.none };
}

// How the app signs: fabric-gateway's own private-key signer, for transactions and for Fabric CA tokens alike. It signs
// a SHA-256 digest with ECDSA and returns DER with S folded into the lower half of the curve order, which is what
// Fabric's peers and Fabric CA's token check require (bccsp's verifyECDSA rejects high-S). A well-kept library over our
// own: it costs ~0.9 ms of CPU per signature against ~0.1 ms for Node's native ECDSA (three signatures a transaction;
// see ARCHITECTURE.md, "Figures").
import { hash, signers, type Hash, type Signer } from '@hyperledger/fabric-gateway';
import type { KeyObject } from 'node:crypto';

/** A signer and the hash setting fabric-gateway's `connect` needs with it. */
export interface Signing {
  /** Signs a SHA-256 digest: ECDSA, DER, low-S. */
  signer: Signer;
  /** `hash.sha256`: fabric-gateway hashes each message before handing the digest to the signer. */
  hash: Hash;
}

/**
 * Signing for fabric-gateway with `key` (P-256 or P-384, as Fabric CA issues).
 * @throws Error `Unsupported signing key` for keys that are not EC keys on those curves (checked here, not at the
 *   first transaction).
 */
export function newSigning(key: KeyObject): Signing {
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (key.asymmetricKeyType !== 'ec' || (curve !== 'prime256v1' && curve !== 'secp384r1')) {
    throw new Error(`Unsupported signing key (${key.asymmetricKeyType ?? 'unknown'} ${curve ?? ''})`);
  }
  return { signer: signers.newPrivateKeySigner(key), hash: hash.sha256 };
}

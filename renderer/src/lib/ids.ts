// Record ids are chosen by the client (the chaincode checks they are new): a readable prefix, the date and randomness.

const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A new record id such as `agr-20260123-k3x9q2mf`, within the chaincode's id allow-list. */
export function newRecordId(prefix: string, now: Date = new Date()): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  const random = Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
  const date = now.toISOString().slice(0, 10).replaceAll('-', '');
  return `${prefix}-${date}-${random}`;
}

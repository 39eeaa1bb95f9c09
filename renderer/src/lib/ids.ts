// Record ids are chosen by the client (the chaincode checks they are new): a readable prefix, the date and randomness.
import { today } from './dates.ts';

const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A new record id such as `agr-20260123-k3x9q2mf`, within the chaincode's id allow-list. */
export function newRecordId(prefix: string, now: Date = new Date()): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  const random = Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
  // The user's calendar day, as every other date the app shows (only for readability: uniqueness is the random part).
  const date = today(now).replaceAll('-', '');
  return `${prefix}-${date}-${random}`;
}

// Unlock PINs are kept only as a salted scrypt hash, so the keychain entry never reveals the PIN itself (people reuse
// PINs). The work factor makes each guess cost tens of milliseconds; the lock's throttling does the rest.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';

const KEY_LENGTH = 32;
const DEFAULT_COST = { N: 2 ** 15, r: 8, p: 1 } as const;

/** The stored form of a PIN (JSON in the keychain). The cost is stored so it can be raised later. */
const PinRecord = z.strictObject({
  v: z.literal(1),
  salt: z.base64(),
  hash: z.base64(),
  N: z
    .number()
    .int()
    .min(2 ** 10)
    .max(2 ** 20),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
});

function scrypt(pin: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(pin, salt, KEY_LENGTH, { ...options, maxmem: 256 * 1024 * 1024 }, (error, key) => {
      if (error === null) resolve(key);
      else reject(error);
    });
  });
}

/** Hashes a PIN into the JSON string the keychain keeps. `cost` is lowered only by tests. */
export async function hashPin(pin: string, cost: { N: number; r: number; p: number } = DEFAULT_COST): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(pin, salt, cost);
  return JSON.stringify({ v: 1, salt: salt.toString('base64'), hash: hash.toString('base64'), ...cost });
}

/**
 * Whether `pin` matches a stored record. A record that cannot be read counts as no match: the user can still remove
 * the identity and enroll again, but a damaged entry never unlocks the app.
 */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  let record: z.infer<typeof PinRecord>;
  try {
    record = PinRecord.parse(JSON.parse(stored));
  } catch {
    return false;
  }
  const expected = Buffer.from(record.hash, 'base64');
  const actual = await scrypt(pin, Buffer.from(record.salt, 'base64'), { N: record.N, r: record.r, p: record.p });
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

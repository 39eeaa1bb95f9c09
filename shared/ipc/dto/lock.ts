import { z } from 'zod';

/**
 * An unlock PIN: 4 to 12 digits. Digits only, because it is typed on shared clinic keyboards and touch screens; it
 * guards the app on one computer (the key itself stays in the OS keychain), so attempts are throttled in main.
 */
export const unlockPinSchema = z.string().regex(/^\d{4,12}$/, 'The PIN must be 4 to 12 digits');

/** The app lock as main enforces it: while `locked`, main refuses every call that reads or writes records. */
export const lockStateSchema = z.strictObject({
  locked: z.boolean(),
  /** Whether the active identity has an unlock PIN (without one, anyone at the computer can unlock). */
  pinSet: z.boolean(),
  /** When a wrong PIN was entered too often: the earliest time (ISO 8601) the next attempt is accepted. */
  retryAfter: z.iso.datetime().nullable(),
});

/** The value of every `lock:*` entry. */
export type LockState = z.output<typeof lockStateSchema>;

/** Arguments of `lock:unlock`: the active identity's PIN, when it has one. */
export const unlockArgsSchema = z.strictObject({ pin: unlockPinSchema.optional() });

/**
 * Arguments of `lock:setPin`: the current PIN (required when one is set) and the new one, or null to remove it.
 */
export const setPinArgsSchema = z.strictObject({
  currentPin: unlockPinSchema.optional(),
  newPin: unlockPinSchema.nullable(),
});

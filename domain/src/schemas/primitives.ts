// Building blocks for every PediLedger schema. Kept free of Fabric imports so the desktop app can validate the same
// way before it submits (and show the same limits in its forms).
import { z } from 'zod';

/** Limits, in one place so the README, the app and the tests quote the same numbers. */
export const LIMITS = {
  /** Ids (record ids, uids, school ids). */
  idLength: 64,
  /** Names of people, vaccines, substances. */
  nameLength: 100,
  /** Short free text: reactions, purposes, reasons. */
  shortTextLength: 500,
  /** Long free text: visit notes, fitness statements. */
  longTextLength: 4000,
  /** Any one JSON argument, before parsing. */
  jsonArgumentBytes: 16 * 1024,
  /** The transient report envelope, before parsing. */
  transientReportBytes: 256 * 1024,
  /** Most items one page of a list answer holds (card history, ListMy… lists). */
  pageEntries: 100,
  /**
   * Most bytes of JSON one page holds, whatever the page size asked for: far under gRPC's 4 MiB default message limit,
   * so a page always reaches the app, however old the card or long the list.
   */
  pageBytes: 256 * 1024,
  /** A page bookmark (the ids after the list's prefix, joined by `~`). */
  bookmarkLength: 200,
  /** Entries per list in a report body. */
  reportListEntries: 200,
  /** Guardians per child. */
  guardians: 2,
  /** Schools one approval may name. */
  schoolsPerApproval: 10,
  /** Display names in the directory ("Dr Alice Moreau", "Oak Primary School"). */
  directoryNameLength: 80,
  /** Transaction ids one ListMyNotices call may ask about (the orderer cuts blocks of at most 50 transactions). */
  noticeBatch: 100,
} as const;

/**
 * Ids become composite-key attributes, and the Node shim does not reject U+0000 there (two different ids could build
 * the same key), so ids are an allow-list: ASCII letters and digits, then also `.`, `_`, `-`.
 */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** A record id, a user's `uid` or a `schoolId`. */
export const id = z
  .string()
  .min(1)
  .max(LIMITS.idLength)
  .regex(ID_PATTERN, 'must be letters, digits, ".", "_" or "-", starting with a letter or digit');

// Control characters (C0, DEL, C1), line/paragraph separators and unpaired surrogates have no place in display text.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_EXCEPT_NEWLINE_TAB = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Display text, trimmed, 1..max characters, without the `control` characters and well-formed. */
function displayText(max: number, control: RegExp): z.ZodString {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !control.test(s), 'must not contain control characters')
    .refine((s) => !LONE_SURROGATE.test(s), 'must be well-formed Unicode');
}

/** One line of display text, trimmed, 1..max characters. */
export function text(max: number): z.ZodString {
  return displayText(max, CONTROL);
}

/** Multi-line display text (newlines and tabs allowed), 1..max characters. */
export function longText(max: number): z.ZodString {
  return displayText(max, CONTROL_EXCEPT_NEWLINE_TAB);
}

/** A calendar date `YYYY-MM-DD` that exists (2023-02-29 is rejected). */
export const isoDate = z.iso
  .date()
  // zod keeps running refinements after the format check failed, so this one must cope with any string.
  .refine((s) => {
    const ms = Date.parse(`${s}T00:00:00.000Z`);
    return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(s);
  }, 'must be a real calendar date');

/** An instant in UTC, `YYYY-MM-DDTHH:mm:ss(.sss)Z`. */
export const isoDateTime = z.iso.datetime().refine((s) => !Number.isNaN(Date.parse(s)), 'must be a real date-time');

/** A positive, finite measurement no larger than `max`. */
export function measure(max: number): z.ZodNumber {
  return z.number().positive().max(max);
}

/** Who changed a record's status, when (transaction time) and in which transaction; spread next to a `status`. */
export const changeFields = {
  by: id,
  at: isoDateTime,
  txId: z.string(),
  reason: z.string().optional(),
};

/** One status change of a record whose statuses are `S`, with the `extra` fields that kind of record keeps. */
type StatusChange<S extends z.ZodType, E extends z.ZodRawShape> = z.ZodObject<
  { status: S } & E & typeof changeFields,
  z.core.$strict
>;

/**
 * A record's status history, oldest first: each change its `status`, any `extra` fields of that kind of record, and
 * who made it, when and in which transaction ({@link changeFields}).
 */
export function statusChanges<S extends z.ZodType>(
  status: S,
): z.ZodArray<z.ZodObject<{ status: S } & typeof changeFields, z.core.$strict>>;
export function statusChanges<S extends z.ZodType, E extends z.ZodRawShape>(
  status: S,
  extra: E,
): z.ZodArray<StatusChange<S, E>>;
export function statusChanges(status: z.ZodType, extra: z.ZodRawShape = {}): z.ZodArray {
  return z.array(z.strictObject({ status, ...extra, ...changeFields }));
}

/** A record's guardians: the child's guardian uids, 1..{@link LIMITS.guardians}. */
export const GuardianUids = z.array(id).min(1).max(LIMITS.guardians);

/** A page-size argument: a decimal string, 1 to {@link LIMITS.pageEntries}. */
export const PageSizeArg = z
  .string()
  .regex(/^[1-9][0-9]{0,2}$/, `must be a whole number from 1 to ${LIMITS.pageEntries}`)
  .transform(Number)
  .refine((n) => n <= LIMITS.pageEntries, `must be at most ${LIMITS.pageEntries}`);

/**
 * A bookmark argument: empty for the first page, else the `bookmark` of the previous page. Its parts are validated
 * again by the list that reads it, which rebuilds the key under the caller's own prefix (Fabric starts a page at the
 * bookmark verbatim, so a raw key from a client could reach into another child's or party's range).
 */
export const BookmarkArg = z.string().max(LIMITS.bookmarkLength);

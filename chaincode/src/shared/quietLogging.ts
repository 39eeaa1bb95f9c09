// The shim and the contract API log every stub call at debug level, and winston 3 formats each message (timestamp,
// metadata, colours, padding) in the logger before its transport drops it for being below the level: under load
// that formatting was about a quarter of the chaincode server's CPU (bench:scale profile), for lines nobody sees.
// Installed once when a chaincode module loads: a message below its logger's level is dropped before formatting.
// Output is unchanged: the messages it drops are exactly those the transport would have dropped.
import { getLogger } from 'fabric-shim/lib/logger';

/** winston's `triple-beam` key for a message's level. */
const LEVEL = Symbol.for('level');

interface WinstonLogger {
  write: (this: WinstonLogger, chunk: unknown, ...rest: unknown[]) => boolean;
  isLevelEnabled(level: string): boolean;
}

/** A log message as winston passes it to `write`. */
function levelOf(chunk: unknown): string | undefined {
  if (typeof chunk !== 'object' || chunk === null) return undefined;
  const level = (chunk as Record<string | symbol, unknown>)[LEVEL] ?? (chunk as { level?: unknown }).level;
  return typeof level === 'string' ? level : undefined;
}

/** Makes every winston logger of the shim and the contract API skip messages below its level (idempotent). */
export function dropLogsBelowLevelEarly(): void {
  // Every logger of both libraries is an instance of one winston Logger class (DerivedLogger → Logger).
  const logger = getLogger('pediledger');
  const base = Object.getPrototypeOf(Object.getPrototypeOf(logger)) as WinstonLogger & { pediledgerQuiet?: true };
  if (base.pediledgerQuiet) return;
  const write = base.write;
  base.write = function (this: WinstonLogger, chunk: unknown, ...rest: unknown[]): boolean {
    const level = levelOf(chunk);
    if (level !== undefined && !this.isLevelEnabled(level)) return true;
    return write.call(this, chunk, ...rest);
  };
  base.pediledgerQuiet = true;
}

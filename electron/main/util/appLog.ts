// What the app's main process, its services and the browser shell print: one line per event, an error described by
// its class, code and (for our own and Fabric's coded errors) message, never by values it may carry. The policy is in
// SECURITY.md ("Logging policy"); this is the one place that turns an error into log text.
import { CommitError, GatewayError } from '@hyperledger/fabric-gateway';
import { z } from 'zod';
import { describeIssues } from '@pediledger/domain';
import { AppError } from '../../../shared/errors.ts';

/** Reports an event, optionally with the error behind it. */
export type AppLog = (message: string, error?: unknown) => void;

/** How many errors of a `cause` chain are described. */
const MAX_CAUSES = 4;
/** How many stack frames are kept for an error whose message is withheld. */
const MAX_FRAMES = 3;

function stringProperty(value: object, key: string): string | undefined {
  const property: unknown = (value as Record<string, unknown>)[key];
  return typeof property === 'string' ? property : undefined;
}

/** The `at …` lines of a stack: code locations, without the first line (which repeats the message). */
function frames(error: Error): string {
  const lines = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return lines
    .slice(0, MAX_FRAMES)
    .map((line) => line.trim())
    .join(' < ');
}

/**
 * One error, without its cause. Messages are kept where we decide what they say:
 * - `AppError`s: their messages name records by id and rules by name (tested with planted values);
 * - fabric-gateway errors: gRPC status texts, and per endorser the peer's or the chaincode's coded message, which
 *   follows the same rule (chaincode/src/shared/args.ts);
 * - zod errors: field paths and rules ({@link describeIssues}).
 * Any other error may quote data (JSON.parse quotes its input, a file error names a file the user called after a
 * child): only its class, code, system call, address and code locations are printed.
 */
export function describeError(error: unknown): string {
  if (error instanceof AppError) {
    return `${error.name} ${error.code}${error.txId === undefined ? '' : ` (tx ${error.txId})`}: ${error.message}`;
  }
  if (error instanceof CommitError) {
    return `${error.name} (validation code ${String(error.code)}, tx ${error.transactionId})`;
  }
  if (error instanceof GatewayError) {
    const endorsers = error.details.map((d) => `${d.mspId}@${d.address}: ${d.message}`);
    return `${error.name} (gRPC ${String(error.code)}): ${error.message}${endorsers.length === 0 ? '' : ` [${endorsers.join(' | ')}]`}`;
  }
  if (error instanceof z.core.$ZodError) return `ZodError: ${describeIssues(error)}`;
  if (error instanceof Error) {
    const code = stringProperty(error, 'code');
    const syscall = stringProperty(error, 'syscall');
    const address = stringProperty(error, 'address');
    const port: unknown = (error as unknown as Record<string, unknown>)['port'];
    const where = address === undefined ? '' : ` ${address}${typeof port === 'number' ? `:${String(port)}` : ''}`;
    const facts = [code, syscall].filter((fact) => fact !== undefined).join(' ');
    const at = frames(error);
    return `${error.name}${facts === '' ? '' : ` ${facts}`}${where} (message not logged)${at === '' ? '' : ` at ${at}`}`;
  }
  return `a thrown ${error === null ? 'null' : typeof error} (not logged)`;
}

/** An error and its causes on one line: `A: …; caused by B: …`. */
export function describeErrorChain(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSES && current !== undefined && current !== null; depth++) {
    parts.push(describeError(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  if (current !== undefined && current !== null) parts.push('…');
  return parts.join('; caused by ');
}

/**
 * A log for one process part (`[main]`, `[services]`, `[browser-shell]`): each event is one line, `prefix message`
 * or `prefix message: <error chain>`. `write` defaults to stderr; tests pass their own to read what would be printed.
 */
export function createAppLog(
  prefix: string,
  write: (line: string) => void = (line) => {
    console.error(line);
  },
): AppLog {
  return (message, error) => {
    write(error === undefined ? `${prefix} ${message}` : `${prefix} ${message}: ${describeErrorChain(error)}`);
  };
}

// A demo user's view of the two chaincodes through fabric-gateway, with the endorsing organizations each transaction
// needs taken from the chaincode's own table (so the tests exercise what the app will do).
import type { SubmittedTransaction } from '@hyperledger/fabric-gateway';
import { randomBytes } from 'node:crypto';
import { connectAs, userByUid, type UserConnection } from '../../fabric-network/test/fabric.ts';
import { channels, type PeerOrgKey } from '../../fabric-network/src/topology.ts';
import { type EndorsingOrgs, MEDICAL_ENDORSERS, REPORT_ENDORSERS } from '@pediledger/domain';

export type Channel = 'medical' | 'report';

const ENDORSERS: Record<Channel, Readonly<Record<string, EndorsingOrgs>>> = {
  medical: MEDICAL_ENDORSERS,
  report: REPORT_ENDORSERS,
};

/** A connected demo user. */
export interface Session {
  uid: string;
  /** Submits and waits for commit; returns the parsed JSON result. */
  submit(channel: Channel, fn: string, args?: string[], transient?: Record<string, string>): Promise<unknown>;
  /** Evaluates on the user's own org peer; returns the parsed JSON result. */
  evaluate(channel: Channel, fn: string, args?: string[]): Promise<unknown>;
  /** Evaluates a paged list (`…args, pageSize, bookmark`), following bookmarks; returns every item. */
  evaluateAllPages(channel: Channel, fn: string, args?: string[]): Promise<unknown[]>;
  close(): void;
}

const decoder = new TextDecoder();

/** Waits for a user's transactions to be committed on every member peer of their channel. */
export interface CommitWatcher {
  /**
   * Resolves once every member peer of `channel` has committed `submitted` (throws if it was invalid), not only the
   * gateway's: the next transaction may be endorsed by another org's peer, which must already see this one (on a
   * busy machine a peer can be a block behind when the gateway answers).
   */
  committedEverywhere(channel: Channel, submitted: SubmittedTransaction): Promise<void>;
  close(): void;
}

/** A {@link CommitWatcher} for `uid`: the same user through each other member org's peer (CommitStatus is theirs). */
export async function commitWatcherOf(uid: string): Promise<CommitWatcher> {
  const ownOrg = (await userByUid(uid)).org;
  const viaPeer = new Map<PeerOrgKey, UserConnection>();
  return {
    async committedEverywhere(channel, submitted) {
      const status = await submitted.getStatus();
      if (!status.successful) {
        throw new Error(`${submitted.getTransactionId()} was not committed: validation code ${String(status.code)}`);
      }
      for (const org of channels[channel].members) {
        if (org === ownOrg) continue;
        let other = viaPeer.get(org);
        if (other === undefined) {
          other = await connectAs(uid, org);
          viaPeer.set(org, other);
        }
        await other.gateway.newCommit(submitted.getBytes()).getStatus();
      }
    },
    close: () => {
      for (const other of viaPeer.values()) other.close();
    },
  };
}

/** Connects as a demo user. */
export async function sessionOf(uid: string): Promise<Session> {
  const connection = await connectAs(uid);
  const commits = await commitWatcherOf(uid);
  const contract = (channel: Channel): ReturnType<ReturnType<typeof connection.network>['getContract']> =>
    connection.network(channel).getContract(channel);
  return {
    uid,
    async submit(channel, fn, args = [], transient) {
      const endorsingOrganizations = ENDORSERS[channel][fn] ?? undefined;
      try {
        const submitted = await contract(channel).submitAsync(fn, {
          arguments: args,
          ...(transient ? { transientData: transient } : {}),
          ...(endorsingOrganizations ? { endorsingOrganizations: [...endorsingOrganizations] } : {}),
        });
        await commits.committedEverywhere(channel, submitted);
        return JSON.parse(decoder.decode(submitted.getResult())) as unknown;
      } catch (error) {
        // The gateway's message hides why each endorser refused; name them so a failure explains itself.
        const details = (error as { details?: { address: string; message: string }[] }).details ?? [];
        if (details.length > 0 && error instanceof Error) {
          error.message += ` | ${details.map((d) => `${d.address}: ${d.message}`).join(' | ')}`;
        }
        throw error;
      }
    },
    async evaluate(channel, fn, args = []) {
      return JSON.parse(decoder.decode(await contract(channel).evaluate(fn, { arguments: args }))) as unknown;
    },
    async evaluateAllPages(channel, fn, args = []) {
      const items: unknown[] = [];
      let bookmark = '';
      do {
        const bytes = await contract(channel).evaluate(fn, { arguments: [...args, '100', bookmark] });
        const page = JSON.parse(decoder.decode(bytes)) as { items: unknown[]; bookmark: string };
        items.push(...page.items);
        bookmark = page.bookmark;
      } while (bookmark !== '');
      return items;
    },
    close: () => {
      connection.close();
      commits.close();
    },
  };
}

/** Connects every listed demo user. */
export async function sessionsOf<U extends string>(...uids: U[]): Promise<Record<U, Session>> {
  const sessions = await Promise.all(uids.map((uid) => sessionOf(uid)));
  return Object.fromEntries(sessions.map((s) => [s.uid, s])) as Record<U, Session>;
}

/** Ids unique to this run, so the tests can rerun on the same ledger. */
export function runIds(prefix: string): (name: string) => string {
  const run = `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  return (name) => `${name}-${run}`;
}

/** The full text of a gateway error: the message plus every endorser's detail (where chaincode errors appear). */
function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const details = (error as Error & { details?: { message: string }[] }).details ?? [];
  return [error.message, ...details.map((d) => d.message)].join(' | ');
}

/** Awaits a call that must be refused; with `code`, the chaincode's coded message must say so. */
export async function refused(call: Promise<unknown>, code?: string): Promise<string> {
  const outcome = await call.then(
    () => undefined,
    (error: unknown) => errorText(error),
  );
  if (outcome === undefined) throw new Error('the call was accepted but should have been refused');
  if (code !== undefined && !outcome.includes(`${code}:`)) throw new Error(`expected ${code}, got: ${outcome}`);
  return outcome;
}

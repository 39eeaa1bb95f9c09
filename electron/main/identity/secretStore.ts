// The one interface the identity store needs from an OS keychain.

/**
 * A keychain keyed by (service, account), holding one secret string per entry. Implementations must fail closed:
 * when the backend is missing or locked they throw `KeychainUnavailableError` and never write elsewhere.
 */
export interface SecretStore {
  /** The secret of an entry, or null when there is no such entry. */
  get(service: string, account: string): Promise<string | null>;
  /** Creates or replaces an entry. */
  set(service: string, account: string, secret: string): Promise<void>;
  /** Deletes an entry; false when there was none. */
  delete(service: string, account: string): Promise<boolean>;
  /** Accounts that have an entry under `service` (never the secrets). */
  list(service: string): Promise<string[]>;
  /** Throws `KeychainUnavailableError` unless entries can be written under `service` right now. */
  assertAvailable(service: string): Promise<void>;
}

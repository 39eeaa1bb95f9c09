// SecretStore on the OS keychain through keytar (macOS Keychain, Windows Credential Vault, Linux Secret Service).
import { errorMessage } from '../util/errorMessage.ts';
import { KeychainUnavailableError } from './errors.ts';
import type { SecretStore } from './secretStore.ts';

type Keytar = typeof import('keytar');

/** Account used to check that the keychain accepts writes. Its value is not secret. */
const PROBE_ACCOUNT = '.pediledger-keychain-probe';

/** Options for {@link KeytarSecretStore}. */
export interface KeytarSecretStoreOptions {
  /** Loads the keytar module; defaults to `import('keytar')`. */
  loadKeytar?: () => Promise<Keytar>;
}

/**
 * {@link SecretStore} backed by keytar.
 *
 * On Linux, libsecret hides a locked collection: reads return null and deletes return false, and keytar's
 * `findCredentials` even crashes the process on locked items. So a null read, a false delete and every listing
 * first check that the keychain accepts a write (a probe entry under the same service), and throw
 * {@link KeychainUnavailableError} if it does not.
 */
export class KeytarSecretStore implements SecretStore {
  readonly #loadKeytar: () => Promise<Keytar>;
  #keytar: Promise<Keytar> | undefined;

  constructor(options: KeytarSecretStoreOptions = {}) {
    this.#loadKeytar = options.loadKeytar ?? (async () => (await import('keytar')).default);
  }

  async get(service: string, account: string): Promise<string | null> {
    const secret = await this.#call('read from', (keytar) => keytar.getPassword(service, account));
    if (secret === null) await this.assertAvailable(service);
    return secret;
  }

  async set(service: string, account: string, secret: string): Promise<void> {
    await this.#call('write to', (keytar) => keytar.setPassword(service, account, secret));
  }

  async delete(service: string, account: string): Promise<boolean> {
    const deleted = await this.#call('delete from', (keytar) => keytar.deletePassword(service, account));
    if (!deleted) await this.assertAvailable(service);
    return deleted;
  }

  async list(service: string): Promise<string[]> {
    await this.assertAvailable(service);
    const credentials = await this.#call('list', (keytar) => keytar.findCredentials(service));
    return credentials.map((credential) => credential.account).filter((account) => account !== PROBE_ACCOUNT);
  }

  async assertAvailable(service: string): Promise<void> {
    await this.#call('write to', (keytar) => keytar.setPassword(service, PROBE_ACCOUNT, 'probe'));
    await this.#call('delete from', (keytar) => keytar.deletePassword(service, PROBE_ACCOUNT));
  }

  async #call<T>(action: string, fn: (keytar: Keytar) => Promise<T>): Promise<T> {
    let keytar: Keytar;
    try {
      this.#keytar ??= this.#loadKeytar();
      keytar = await this.#keytar;
    } catch (cause) {
      this.#keytar = undefined;
      throw new KeychainUnavailableError(`The OS keychain module could not be loaded: ${errorMessage(cause)}`, {
        cause,
      });
    }
    try {
      return await fn(keytar);
    } catch (cause) {
      throw new KeychainUnavailableError(
        `Could not ${action} the OS keychain (is it installed and unlocked?): ${errorMessage(cause)}`,
        { cause },
      );
    }
  }
}

/**
 * Random secrets for every identity the network creates, and the owner-only folder for the few it keeps. Nothing is
 * derived from a name: an enrollment secret is 144 bits from the operating system's random source (Fabric CA's own
 * generator, used when a registration names no secret, is `math/rand`, so the network always chooses the secret).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { secretsDir } from './paths.ts';

/** A fresh random secret: 18 bytes of CSPRNG output, base64url (24 characters, URL- and shell-safe). */
export function newSecret(): string {
  return randomBytes(18).toString('base64url');
}

/** Creates `dir` (and missing parents) and makes it owner-only (0700), whatever the umask. */
export function ensureOwnerOnlyDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/**
 * The secret stored as `name` in the network's secrets folder, created (random, file mode 0600, folder 0700) the
 * first time it is asked for.
 */
export function keptSecret(name: string): string {
  const file = path.join(secretsDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  ensureOwnerOnlyDir(secretsDir);
  const secret = newSecret();
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}

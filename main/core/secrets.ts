/**
 * Where a connector's password comes from. Headless deployments name an
 * environment variable in the configuration (`passwordEnv`); connections
 * saved in the settings view keep theirs in the credential store (keychain:
 * service = app id, account = connection id), reached through the host.
 * The configuration file itself never holds a password.
 */
import { passwordFor } from './config';
import type { ConnectorHost } from './connector';

/** What the credential store offers the core: the secret saved for a connection id. */
export interface SecretSource {
  get(connectionId: string): Promise<string | undefined>;
}

export const NO_PASSWORD_MESSAGE =
  'No password is stored for this connection: enter it in Settings, or name an environment variable in "passwordEnv".';

/** The environment variable's value when one is named, else the stored password, else undefined. */
export async function connectionPassword(
  owner: { passwordEnv?: string },
  host: Pick<ConnectorHost, 'storedPassword'>,
): Promise<string | undefined> {
  if (owner.passwordEnv) return passwordFor(owner);
  return host.storedPassword?.();
}

/** As connectionPassword, for vendors that cannot log in without one: rejects with a sentence. */
export async function requiredPassword(owner: { passwordEnv?: string }, host: Pick<ConnectorHost, 'storedPassword'>): Promise<string> {
  const password = await connectionPassword(owner, host);
  if (password === undefined || password === '') throw new Error(NO_PASSWORD_MESSAGE);
  return password;
}

/**
 * Where a connector's password comes from. Headless deployments name an
 * environment variable in the configuration (`passwordEnv`); connections
 * saved in the settings view keep theirs in the credential store (keychain:
 * service = app id, account = connection id), reached through the host.
 * The configuration file itself never holds a password.
 */
import { msg } from '../../../app/i18n/message';
import type { ConnectorHost } from '../../core/connector';
import { ConsoleError } from '../../core/errors';

/** Reads a password from the environment variable it names; undefined when it names none. */
export function passwordFor(owner: { passwordEnv?: string }, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!owner.passwordEnv) return undefined;
  const value = env[owner.passwordEnv];
  if (value === undefined) throw new ConsoleError(msg('password.envNotSet', { name: owner.passwordEnv }));
  return value;
}

/** The environment variable's value when one is named, else the stored password, else undefined. */
export async function connectionPassword(
  owner: { passwordEnv?: string },
  host: Pick<ConnectorHost, 'storedPassword'>,
): Promise<string | undefined> {
  if (owner.passwordEnv) return passwordFor(owner);
  return host.storedPassword?.();
}

/** As connectionPassword, for vendors that cannot log in without one. */
export async function requiredPassword(owner: { passwordEnv?: string }, host: Pick<ConnectorHost, 'storedPassword'>): Promise<string> {
  const password = await connectionPassword(owner, host);
  if (password === undefined || password === '') throw new ConsoleError(msg('password.none'));
  return password;
}

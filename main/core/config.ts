/**
 * The configuration file (docs/CONFIG.md): which PBXs to connect to. It
 * never holds a password: each line names an environment variable (and,
 * once the desktop app stores them, a keychain entry) that holds it.
 */
import { readFile } from 'node:fs/promises';
import { isCountryCode } from '../../app/phone';
import type { Vendor } from '../../app/model';
import { array, isPlainObject, object, optional, ValidationError, type Validator } from '../../app/validate';
import { country } from './config-fields';
import { telServerConnectionConfig, type TelServerConnectionConfig } from '../connectors/telserver/config';
import { portaSipConnectionConfig, type PortaSipConnectionConfig } from '../connectors/portasip/config';
import { teliaConnectionConfig, type TeliaConnectionConfig } from '../connectors/telia/config';
import { innovaphoneConnectionConfig, type InnovaphoneConnectionConfig } from '../connectors/innovaphone/config';

export type { TelServerConnectionConfig } from '../connectors/telserver/config';

/**
 * Every vendor's connection settings. Each vendor folder owns its settings
 * type and validator (`main/connectors/<vendor>/config.ts`); add a vendor
 * here and in CONNECTION_VALIDATORS below.
 */
export type ConnectionConfig = TelServerConnectionConfig | PortaSipConnectionConfig | TeliaConnectionConfig | InnovaphoneConnectionConfig;

export interface ConsoleConfig {
  /** ISO country used for numbers typed without a country code, unless a line says otherwise. */
  defaultCountry: string;
  connections: ConnectionConfig[];
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const SECRET_KEY = /^(password|userPassword|secret|pass)$/i;

const CONNECTION_VALIDATORS: Partial<Record<Vendor, Validator<ConnectionConfig>>> = {
  telserver: telServerConnectionConfig,
  portasip: portaSipConnectionConfig,
  telia: teliaConnectionConfig,
  innovaphone: innovaphoneConnectionConfig,
};

const connection: Validator<ConnectionConfig> = (value, path = '') => {
  const vendor = isPlainObject(value) ? value.vendor : undefined;
  const validate =
    typeof vendor === 'string' && Object.prototype.hasOwnProperty.call(CONNECTION_VALIDATORS, vendor)
      ? CONNECTION_VALIDATORS[vendor as Vendor]
      : undefined;
  if (!validate)
    throw new ValidationError(
      `${path}.vendor`,
      `one of ${Object.keys(CONNECTION_VALIDATORS)
        .map((v) => `"${v}"`)
        .join(', ')}`,
    );
  return validate(value, path);
};

/** One connection's settings, checked by its vendor's validator (the settings view sends them one at a time). */
export const validateConnectionConfig: Validator<ConnectionConfig> = connection;

const consoleConfig = object({
  defaultCountry: optional(country),
  connections: array(connection, 32),
});

/** Validates parsed JSON; throws ConfigError with the offending path and what was expected. */
export function parseConfig(raw: unknown, source = 'config'): ConsoleConfig {
  const secretPath = findSecret(raw, '');
  if (secretPath) {
    throw new ConfigError(
      `${source}: ${secretPath}: passwords do not belong in the configuration file; put the password in an environment variable and name it in "passwordEnv".`,
    );
  }
  let parsed: { defaultCountry?: string; connections: ConnectionConfig[] };
  try {
    parsed = consoleConfig(raw, '');
  } catch (error) {
    if (error instanceof ValidationError) throw new ConfigError(`${source}: ${error.message}`);
    throw error;
  }
  const ids = new Set<string>();
  for (const [i, c] of parsed.connections.entries()) {
    if (ids.has(c.id)) throw new ConfigError(`${source}: connections[${i}].id: "${c.id}" is used twice`);
    ids.add(c.id);
  }
  const defaultCountry = parsed.defaultCountry ?? 'EE';
  if (!isCountryCode(defaultCountry)) throw new ConfigError(`${source}: defaultCountry: expected a two-letter country code`);
  return { defaultCountry, connections: parsed.connections };
}

export async function loadConfig(path: string): Promise<ConsoleConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read the configuration file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (text.length > 1_000_000) throw new ConfigError(`${path}: the file is too large to be a configuration`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  return parseConfig(raw, path);
}

/** Reads a line's password from the environment variable it names; undefined when it names none. */
export function passwordFor(line: { passwordEnv?: string }, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!line.passwordEnv) return undefined;
  const value = env[line.passwordEnv];
  if (value === undefined) throw new ConfigError(`The environment variable ${line.passwordEnv} (the password for a line) is not set.`);
  return value;
}

function findSecret(value: unknown, path: string): string | undefined {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findSecret(item, `${path}[${i}]`);
      if (found) return found;
    }
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      const here = path ? `${path}.${key}` : key;
      if (SECRET_KEY.test(key)) return here;
      const found = findSecret(item, here);
      if (found) return found;
    }
  }
  return undefined;
}

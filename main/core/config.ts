/**
 * The configuration file (docs/CONFIG.md): which PBXs to connect to. It
 * never holds a password: each line names an environment variable (and,
 * once the desktop app stores them, a keychain entry) that holds it.
 */
import { readFile } from 'node:fs/promises';
import { isCountryCode } from '../../app/phone';
import {
  array,
  int,
  isPlainObject,
  literal,
  object,
  optional,
  str,
  ValidationError,
  type Validator,
} from '../../app/validate';

export interface TelServerLineConfig {
  device: string;
  label?: string;
  country?: string;
  userId?: string;
  /** Name of the environment variable holding this line's password. */
  passwordEnv?: string;
}

export interface TelServerConnectionConfig {
  vendor: 'telserver';
  id: string;
  label: string;
  host: string;
  port: number;
  /** TelServer's telserver.TelServices.endOfPDU.sequence, when the server is configured with one. */
  endOfPdu?: string;
  requestTimeoutMs?: number;
  sessionTimeoutSeconds?: number;
  /** How often to send the keepalive snapshot (default: a third of the session timeout, at most 30 s). */
  keepaliveSeconds?: number;
  /** Where to receive UDP events; the address TelServer can reach this machine on. */
  events?: { bindAddress?: string; port?: number };
  lines: TelServerLineConfig[];
}

export type ConnectionConfig = TelServerConnectionConfig;

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

const country = str({ pattern: /^[A-Z]{2}$/ });
const deviceNumber = str({ min: 1, max: 32, pattern: /^[0-9*#+]+$/ });
const envName = str({ min: 1, max: 128, pattern: /^[A-Za-z_][A-Za-z0-9_]*$/ });
const host = str({ min: 1, max: 253, pattern: /^[A-Za-z0-9.:\-[\]]+$/ });

const telServerLine = object({
  device: deviceNumber,
  label: optional(str({ min: 1, max: 64 })),
  country: optional(country),
  userId: optional(str({ min: 1, max: 64 })),
  passwordEnv: optional(envName),
});

const telServerConnection = object({
  vendor: literal('telserver'),
  id: str({ min: 1, max: 64, pattern: /^[a-z0-9][a-z0-9-]*$/ }),
  label: str({ min: 1, max: 64 }),
  host,
  port: int({ min: 1, max: 65535 }),
  endOfPdu: optional(str({ min: 1, max: 16 })),
  requestTimeoutMs: optional(int({ min: 200, max: 60_000 })),
  sessionTimeoutSeconds: optional(int({ min: 10, max: 86_400 })),
  keepaliveSeconds: optional(int({ min: 1, max: 300 })),
  events: optional(object({ bindAddress: optional(host), port: optional(int({ min: 0, max: 65535 })) })),
  lines: array(telServerLine, 64),
});

const connection: Validator<ConnectionConfig> = (value, path = '') => {
  if (isPlainObject(value) && value.vendor !== 'telserver') {
    throw new ValidationError(`${path}.vendor`, '"telserver" (other vendors are not supported yet)');
  }
  return telServerConnection(value, path) as ConnectionConfig;
};

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
    if (c.lines.length === 0) throw new ConfigError(`${source}: connections[${i}].lines: at least one line is needed`);
    const devices = new Set<string>();
    for (const line of c.lines) {
      if (devices.has(line.device)) throw new ConfigError(`${source}: connections[${i}]: device ${line.device} is listed twice`);
      devices.add(line.device);
    }
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

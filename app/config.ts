/**
 * The configuration file (docs/CONFIG.md) as a value: which PBXs to connect
 * to, checked by the vendors' schemas. Pure, so the core, the settings view
 * and the tests check it the same way; reading and writing the file is
 * main/runtime/config-file.ts. The file never holds a password: each line or
 * connection names an environment variable, or the password is in the
 * credential store.
 */
import { msg, type Message } from './i18n/message';
import { createTranslator } from './i18n/translator';
import { SchemaError, parseWith, type Problem } from './validation/schema';
import { VENDORS, type ConnectionConfig, type VendorRegistry } from './vendors';
import type { BaseConnectionConfig } from './vendors/definition';

export interface ConsoleConfig<C extends BaseConnectionConfig = ConnectionConfig> {
  /** ISO country used for numbers typed without a country code, unless a line says otherwise. */
  defaultCountry: string;
  connections: C[];
}

export const DEFAULT_COUNTRY = 'EE';

const english = createTranslator('en');

/** A configuration that cannot be used: where (the file, the path inside it) and what is wrong, as messages. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly Problem[],
  ) {
    super(problems.map((p) => `${source}: ${p.path ? `${p.path}: ` : ''}${english(p.message)}`).join('\n'));
    this.name = 'ConfigError';
  }

  static at(source: string, message: Message, path = ''): ConfigError {
    return new ConfigError(source, [{ path, message }]);
  }
}

/** Keys that would hold a secret: refused anywhere in the file, at any depth. */
const SECRET_KEY = /^(password|userPassword|secret|pass)$/i;

/**
 * The path of the first key that looks like a password, or undefined. An
 * explicit stack instead of recursion: a file nested a hundred thousand
 * levels deep is refused by the schema, not by a stack overflow.
 */
export function findSecret(root: unknown): string | undefined {
  const stack: { value: unknown; path: string }[] = [{ value: root, path: '' }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { value, path } = item;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: `${path}[${i}]` });
    } else if (isRecord(value)) {
      const entries = Object.entries(value);
      for (const [key] of entries) if (SECRET_KEY.test(key)) return path ? `${path}.${key}` : key;
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i] ?? ['', undefined];
        stack.push({ value: child, path: path ? `${path}.${key}` : key });
      }
    }
  }
  return undefined;
}

/** Validates parsed JSON; throws ConfigError naming the file, the path and what was expected. */
export function parseConfig(raw: unknown, source?: string): ConsoleConfig;
export function parseConfig<C extends BaseConnectionConfig>(raw: unknown, source: string, registry: VendorRegistry<C>): ConsoleConfig<C>;
export function parseConfig(
  raw: unknown,
  source = 'config',
  registry: VendorRegistry<BaseConnectionConfig> = VENDORS,
): ConsoleConfig<BaseConnectionConfig> {
  const secretPath = findSecret(raw);
  if (secretPath) throw ConfigError.at(source, msg('config.noPasswords'), secretPath);
  try {
    const parsed = parseWith(registry.configSchema, raw);
    return { defaultCountry: parsed.defaultCountry ?? DEFAULT_COUNTRY, connections: parsed.connections };
  } catch (error) {
    if (error instanceof SchemaError) throw new ConfigError(source, error.problems);
    throw error;
  }
}

/** One connection's settings (the settings view sends them one at a time): the value, or the problems. */
export type ParsedConnection<C> = { ok: true; connection: C } | { ok: false; problems: readonly Problem[] };

export function parseConnection(raw: unknown): ParsedConnection<ConnectionConfig>;
export function parseConnection<C extends BaseConnectionConfig>(raw: unknown, registry: VendorRegistry<C>): ParsedConnection<C>;
export function parseConnection(
  raw: unknown,
  registry: VendorRegistry<BaseConnectionConfig> = VENDORS,
): ParsedConnection<BaseConnectionConfig> {
  const secretPath = findSecret(raw);
  if (secretPath) return { ok: false, problems: [{ path: secretPath, message: msg('config.noPasswords') }] };
  try {
    return { ok: true, connection: parseWith(registry.connectionSchema, raw) };
  } catch (error) {
    if (error instanceof SchemaError) return { ok: false, problems: error.problems };
    throw error;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * The configuration file on disk: read with bounds (a regular file, at most
 * 1 MB, checked before reading, so a FIFO or /dev/zero is refused at once)
 * and written atomically, so a crash mid-write never leaves half a file.
 * What it may contain is app/config.ts; passwords never reach it (the
 * vendors' schemas have no field for one, and a secret-looking key is refused).
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, parseConfig, type ConsoleConfig } from '../../app/config';
import { msg } from '../../app/i18n/message';
import type { VendorRegistry } from '../../app/vendors';
import type { BaseConnectionConfig } from '../../app/vendors/definition';
import { readBoundedText } from './bounded-file';

/** Larger than any real configuration (32 connections), far smaller than memory. */
export const MAX_CONFIG_BYTES = 1_000_000;

/** The file's text, or a ConfigError saying why it cannot be a configuration. */
export async function readConfigText(file: string): Promise<string> {
  const read = await readBoundedText(file, MAX_CONFIG_BYTES);
  if (read.ok) return read.text;
  if (read.reason === 'notAFile') throw ConfigError.at(file, msg('config.notAFile'));
  if (read.reason === 'tooLarge') throw ConfigError.at(file, msg('config.tooLarge', { limit: MAX_CONFIG_BYTES }));
  throw ConfigError.at(file, msg('config.unreadable', { reason: read.code ?? read.reason }));
}

export async function loadConfig(file: string): Promise<ConsoleConfig>;
export async function loadConfig<C extends BaseConnectionConfig>(file: string, registry: VendorRegistry<C>): Promise<ConsoleConfig<C>>;
export async function loadConfig(
  file: string,
  registry?: VendorRegistry<BaseConnectionConfig>,
): Promise<ConsoleConfig<BaseConnectionConfig>> {
  const text = await readConfigText(file);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw ConfigError.at(file, msg('config.notJson', { reason: error instanceof Error ? error.message : String(error) }));
  }
  return registry ? parseConfig(raw, file, registry) : parseConfig(raw, file);
}

export async function writeConfigFile(
  file: string,
  config: ConsoleConfig<BaseConnectionConfig>,
  registry?: VendorRegistry<BaseConnectionConfig>,
): Promise<void> {
  // Re-validated on the way out too: what is written must load again.
  const copy: unknown = JSON.parse(JSON.stringify(config));
  const valid = registry ? parseConfig(copy, file, registry) : parseConfig(copy, file);
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(valid, null, 2)}\n`);
  await rename(temporary, file);
}

/**
 * The configuration file on disk: read with bounds (a regular file, at most
 * 1 MB, checked before reading, so a FIFO or /dev/zero is refused at once)
 * and written atomically, so a crash mid-write never leaves half a file.
 * What it may contain is app/config.ts; passwords never reach it (the
 * vendors' schemas have no field for one, and a secret-looking key is refused).
 */
import { constants } from 'node:fs';
import { mkdir, open, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, parseConfig, type ConsoleConfig } from '../../app/config';
import { msg } from '../../app/i18n/message';
import type { VendorRegistry } from '../../app/vendors';
import type { BaseConnectionConfig } from '../../app/vendors/definition';

/** Larger than any real configuration (32 connections), far smaller than memory. */
export const MAX_CONFIG_BYTES = 1_000_000;

/** The file's text, or a ConfigError saying why it cannot be a configuration. */
export async function readConfigText(file: string): Promise<string> {
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer (it is then refused as not a file).
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw ConfigError.at(file, msg('config.unreadable', { reason: errorCode(error) }));
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw ConfigError.at(file, msg('config.notAFile'));
    if (stat.size > MAX_CONFIG_BYTES) throw ConfigError.at(file, msg('config.tooLarge', { limit: MAX_CONFIG_BYTES }));
    const buffer = Buffer.alloc(MAX_CONFIG_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > MAX_CONFIG_BYTES) throw ConfigError.at(file, msg('config.tooLarge', { limit: MAX_CONFIG_BYTES }));
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
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

function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code ?? (error instanceof Error ? error.message : String(error));
}

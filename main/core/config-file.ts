/**
 * Writes the configuration file the settings view edits. Same format as
 * docs/CONFIG.md (so the console reads it back with loadConfig); written
 * atomically so a crash mid-write never leaves half a file. Passwords never
 * reach it: the vendors' validators have no field for one.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseConfig, type ConsoleConfig } from './config';

export async function writeConfigFile(file: string, config: ConsoleConfig): Promise<void> {
  // Re-validated on the way out too: what is written must load again.
  const valid = parseConfig(JSON.parse(JSON.stringify(config)), file);
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(valid, null, 2)}\n`);
  await rename(temporary, file);
}

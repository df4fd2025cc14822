/**
 * The configuration file is read with bounds before anything is parsed: what
 * is not a regular file, or is too large, or nests too deep, is refused with
 * a message that names the file (and the place), never a hang or a crash.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../app/config';
import { loadConfig, MAX_CONFIG_BYTES, readConfigText } from './config-file';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'config-file-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function refusal(read: Promise<unknown>): Promise<string> {
  const error: unknown = await read.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error instanceof Error ? error.message : '';
}

describe('reading the configuration file', () => {
  it('refuses a FIFO at once instead of waiting for a writer', async () => {
    const fifo = path.join(dir, 'config.json');
    execFileSync('mkfifo', [fifo]);
    expect(await refusal(readConfigText(fifo))).toBe(`${fifo}: The configuration is not a regular file.`);
  });

  it('refuses a device such as /dev/zero before reading a byte of it', async () => {
    expect(await refusal(readConfigText('/dev/zero'))).toBe('/dev/zero: The configuration is not a regular file.');
  });

  it('refuses a file larger than the limit, and a folder, naming the file', async () => {
    const large = path.join(dir, 'large.json');
    await writeFile(large, ' '.repeat(MAX_CONFIG_BYTES + 1));
    expect(await refusal(readConfigText(large))).toMatch(/large\.json: The file is too large to be a configuration/);
    expect(await refusal(readConfigText(dir))).toMatch(/not a regular file/);
    expect(await refusal(readConfigText(path.join(dir, 'missing.json')))).toMatch(
      /missing\.json: The configuration file cannot be read \(ENOENT\)/,
    );
  });

  it('refuses a file nested 200,000 levels deep under the size limit with a message, not a stack overflow', async () => {
    const deep = path.join(dir, 'deep.json');
    await writeFile(deep, `{"defaultCountry":"EE","connections":${'['.repeat(200_000)}${']'.repeat(200_000)}}`);
    const message = await refusal(loadConfig(deep));
    expect(message).toMatch(/deep\.json: connections/);
    expect(message).not.toMatch(/call stack/i);
  });

  it('names the file when it is not JSON', async () => {
    const broken = path.join(dir, 'broken.json');
    await writeFile(broken, '{"defaultCountry": "EE",');
    expect(await refusal(loadConfig(broken))).toMatch(/broken\.json: The file is not valid JSON/);
  });
});

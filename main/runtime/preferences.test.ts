import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryLogger } from '../testing/memory-logger';
import { accelerator, DEFAULT_PREFERENCES, preferencesSchema } from '../../app/preferences';
import { parseWith, SchemaError } from '../../app/validation/schema';
import { PreferencesFile } from './preferences';

const validatePreferences = (value: unknown) => parseWith(preferencesSchema, value, 'preferences');
/** The first problem of a failed check: where, and which message. */
function problemOf(run: () => unknown): { path: string; key: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof SchemaError) return { path: error.problems[0]?.path ?? '', key: error.problems[0]?.message.key ?? '' };
  }
  return { path: '', key: '(no problem)' };
}

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});
async function file() {
  dir = await mkdtemp(path.join(tmpdir(), 'prefs-'));
  return path.join(dir, 'preferences.json');
}

describe('shortcut accelerators', () => {
  it.each(['CommandOrControl+Alt+A', 'Control+Shift+F5', 'Alt+Space', ''])('accepts %j', (value) => {
    expect(parseWith(accelerator, value)).toBe(value);
  });
  it.each(['A', 'F8', 'Alt+', 'Alt+Alt+A', 'Hyper+A', 'Control+Shift+ä', 'Control+A;rm', 5])('refuses %j', (value) => {
    expect(problemOf(() => parseWith(accelerator, value, 'shortcut')).key).toMatch(/^validation\.(accelerator|text)$/);
  });
});

describe('preferences', () => {
  it('refuses the same shortcut for answer and hang up, and unknown fields', () => {
    const same = { ...DEFAULT_PREFERENCES, shortcuts: { answer: 'Alt+F1', hangup: 'Alt+F1' } };
    expect(problemOf(() => validatePreferences(same))).toEqual({ path: 'preferences.shortcuts.hangup', key: 'validation.sameShortcut' });
    expect(problemOf(() => validatePreferences({ ...DEFAULT_PREFERENCES, password: 'x' }))).toEqual({
      path: 'preferences.password',
      key: 'validation.unknownField',
    });
  });

  it('starts from the defaults, saves validated preferences, and reads them back', async () => {
    const path = await file();
    const store = new PreferencesFile(path, memoryLogger());
    expect(await store.load()).toEqual(DEFAULT_PREFERENCES);
    const changed = vi.fn();
    store.onChange(changed);
    const next = { ...DEFAULT_PREFERENCES, defaultLineId: 'hq/1100', alerts: { enabled: true, doNotDisturb: true, alertWindow: true } };
    await store.save(next);
    expect(changed).toHaveBeenCalledWith(next);
    expect(await new PreferencesFile(path, memoryLogger()).load()).toEqual(next);
    await expect(store.save({ ...next, closeToTray: 'yes' })).rejects.toMatchObject({
      problems: [{ path: 'preferences.closeToTray', message: { key: 'validation.boolean' } }],
    });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(next);
  });

  it("a file from before a setting existed keeps what it says and takes the new setting's default", async () => {
    const path = await file();
    await writeFile(path, JSON.stringify({ alerts: { enabled: false, doNotDisturb: true }, closeToTray: false }));
    const prefs = await new PreferencesFile(path, memoryLogger()).load();
    expect(prefs.alerts).toEqual({ enabled: false, doNotDisturb: true, alertWindow: false });
    expect(prefs.closeToTray).toBe(false);
  });

  it('falls back to the defaults with a log line when the file is broken', async () => {
    const path = await file();
    await writeFile(path, '{"alerts": 3}');
    const log = memoryLogger();
    expect(await new PreferencesFile(path, log).load()).toEqual(DEFAULT_PREFERENCES);
    expect(log.entries[0].message).toMatch(/invalid; using defaults/);
  });
});

import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES } from '../../../app/preferences';
import { ManualClock } from '../../../app/testing/manual-clock';
import { memoryLogger } from '../../testing/memory-logger';
import { createRuntime } from '../bootstrap';
import { PreferencesFile } from '../preferences';
import { JOURNAL_FILE, openJournal } from '.';

const DAY = 86_400_000;
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'runtime-journal-'));
  dirs.push(dir);
  return dir;
};

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the runtime journal', () => {
  it('lives in the settings folder; the desktop demo keeps its own beside the real one', async () => {
    const serveDir = tempDir();
    const served = await createRuntime({ demo: 'telserver', demoMode: 'manual', settingsDir: serveDir, log: memoryLogger() });
    expect(served.journal.file).toBe(path.join(serveDir, JOURNAL_FILE));
    await served.stop();
    expect(existsSync(path.join(serveDir, JOURNAL_FILE))).toBe(true);

    const desktopDir = tempDir();
    const desktop = await createRuntime({
      demo: 'telserver',
      demoMode: 'manual',
      settingsDir: desktopDir,
      desktop: true,
      log: memoryLogger(),
    });
    expect(desktop.journal.file).toBe(path.join(desktopDir, 'demo', JOURNAL_FILE));
    await desktop.stop();
  });

  it('purges calls past the retention period on open and when Settings shorten it', async () => {
    const dir = tempDir();
    const clock = new ManualClock(Date.UTC(2026, 11, 1));
    const preferences = new PreferencesFile(path.join(dir, 'preferences.json'), memoryLogger());
    const first = openJournal(dir, preferences, clock, memoryLogger());
    const at = (daysAgo: number) => clock.now() - daysAgo * DAY;
    for (const [id, daysAgo] of [
      ['old', 400],
      ['month', 30],
      ['new', 1],
    ] as const) {
      first.store.record({
        callId: id,
        lineId: 'l',
        direction: 'incoming',
        remote: { number: '1' },
        startedAt: at(daysAgo),
        endedAt: at(daysAgo),
        answered: false,
        talkSeconds: 0,
      });
    }
    first.close();
    const journal = openJournal(dir, preferences, clock, memoryLogger());
    expect(journal.store.query({}).entries.map((e) => e.callId)).toEqual(['new', 'month']);
    await preferences.save({ ...DEFAULT_PREFERENCES, journalRetentionDays: 7 });
    expect(journal.store.query({}).entries.map((e) => e.callId)).toEqual(['new']);
    journal.close();
  });

  it('a journal file it cannot open is left alone; the session is kept in memory', () => {
    const dir = tempDir();
    const preferences = new PreferencesFile(path.join(dir, 'preferences.json'), memoryLogger());
    // A folder where the file should be: SQLite cannot open it.
    const blocked = path.join(dir, 'blocked');
    const log = memoryLogger();
    mkdirSync(path.join(blocked, JOURNAL_FILE), { recursive: true });
    const journal = openJournal(blocked, preferences, new ManualClock(), log);
    expect(journal.file).toBe(':memory:');
    expect(existsSync(path.join(blocked, JOURNAL_FILE))).toBe(true);
    journal.close();
  });
});

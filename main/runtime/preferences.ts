/**
 * The desktop app's own preferences (not the PBX configuration): default
 * line, alerts, click-to-dial confirmation, tray and login behaviour, global
 * shortcuts. One JSON file in the user data folder, validated on read (a
 * broken file falls back to the defaults with a log line, never a crash)
 * and written atomically.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_PREFERENCES, preferencesSchema, type DesktopPreferences } from '../../app/preferences';
import { parseWith } from '../../app/validation/schema';
import type { Logger } from '../core/log';

export class PreferencesFile {
  private current: DesktopPreferences = structuredClone(DEFAULT_PREFERENCES);
  private readonly listeners = new Set<(prefs: DesktopPreferences) => void>();

  constructor(
    private readonly file: string,
    private readonly log: Logger,
  ) {}

  get(): DesktopPreferences {
    return this.current;
  }

  async load(): Promise<DesktopPreferences> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        this.log.warn('cannot read preferences; using defaults', { error: String(error) });
      return this.current;
    }
    try {
      this.current = parseWith(preferencesSchema, withDefaults(JSON.parse(text) as unknown));
    } catch (error) {
      this.log.warn('preferences file is invalid; using defaults', { file: this.file, error: (error as Error).message });
    }
    return this.current;
  }

  /** Validates, writes, then tells every listener. */
  async save(next: unknown): Promise<DesktopPreferences> {
    const valid = parseWith(preferencesSchema, next, 'preferences');
    await mkdir(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(valid, null, 2)}\n`);
    await rename(temporary, this.file);
    this.current = valid;
    for (const listener of [...this.listeners]) listener(valid);
    return valid;
  }

  onChange(listener: (prefs: DesktopPreferences) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
}

/** A file written by an older version lacks the newer settings: they take their defaults, the rest is kept. */
function withDefaults(saved: unknown): unknown {
  if (!isRecord(saved)) return saved;
  const defaults = structuredClone(DEFAULT_PREFERENCES);
  const merged: Record<string, unknown> = { ...defaults, ...saved };
  // Groups merge one level deep, so a key command or setting added later gets its default too.
  for (const group of ['alerts', 'keys', 'sound'] as const) {
    const value = saved[group];
    if (isRecord(value)) merged[group] = { ...defaults[group], ...value };
  }
  return merged;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

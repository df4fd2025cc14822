/**
 * The desktop app's own preferences (not the PBX configuration): default
 * line, alerts, click-to-dial confirmation, tray and login behaviour, global
 * shortcuts. One JSON file in the user data folder, validated on read (a
 * broken file falls back to the defaults with a log line, never a crash)
 * and written atomically.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bool, object, optional, str, ValidationError, type Validator } from '../../app/validate';
import type { Logger } from '../core/connector';

export interface DesktopPreferences {
  /** The line clicked links and the dial box use first. */
  defaultLineId?: string;
  alerts: {
    /** Native notifications for calls ringing here. */
    enabled: boolean;
    /** Suppresses alerts (the tray's Do not disturb). */
    doNotDisturb: boolean;
  };
  /** Ask before dialling a clicked tel:/callto: link. */
  confirmBeforeDial: boolean;
  /** Closing the window keeps the console running in the tray. */
  closeToTray: boolean;
  /** Start (minimised to the tray) when the user logs in. */
  startAtLogin: boolean;
  /** Electron accelerators; '' switches a shortcut off. */
  shortcuts: { answer: string; hangup: string };
}

export const DEFAULT_PREFERENCES: DesktopPreferences = {
  alerts: { enabled: true, doNotDisturb: false },
  confirmBeforeDial: false,
  closeToTray: true,
  startAtLogin: false,
  shortcuts: { answer: 'CommandOrControl+Alt+A', hangup: 'CommandOrControl+Alt+H' },
};

const MODIFIERS = ['Command', 'Cmd', 'Control', 'Ctrl', 'CommandOrControl', 'CmdOrCtrl', 'Alt', 'Option', 'AltGr', 'Shift', 'Super', 'Meta'];
const KEY = /^([A-Z0-9]|F([1-9]|1[0-9]|2[0-4])|Space|Tab|Backspace|Delete|Insert|Return|Enter|Up|Down|Left|Right|Home|End|PageUp|PageDown|Escape|Esc|Plus|num[0-9])$/;

/**
 * An Electron accelerator with at least one modifier (a bare key would be
 * stolen from every other application), or '' for none.
 */
export const accelerator: Validator<string> = (value, p = '') => {
  const text = str({ max: 64 })(value, p);
  if (text === '') return text;
  const parts = text.split('+');
  const key = parts.pop() ?? '';
  const mods = new Set(parts);
  if (parts.length === 0 || mods.size !== parts.length || !parts.every((m) => MODIFIERS.includes(m)) || !KEY.test(key)) {
    throw new ValidationError(p, 'a shortcut such as CommandOrControl+Alt+A (at least one modifier and one key)');
  }
  return text;
};

export const validatePreferences: Validator<DesktopPreferences> = (value, p = '') => {
  const prefs = object({
    defaultLineId: optional(str({ min: 1, max: 256 })),
    alerts: object({ enabled: bool, doNotDisturb: bool }),
    confirmBeforeDial: bool,
    closeToTray: bool,
    startAtLogin: bool,
    shortcuts: object({ answer: accelerator, hangup: accelerator }),
  })(value, p) as DesktopPreferences;
  const { answer, hangup } = prefs.shortcuts;
  if (answer !== '' && answer === hangup) throw new ValidationError(`${p ? `${p}.` : ''}shortcuts.hangup`, 'a different shortcut from answer');
  return prefs;
};

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
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.log.warn('cannot read preferences; using defaults', { error: String(error) });
      return this.current;
    }
    try {
      this.current = validatePreferences({ ...structuredClone(DEFAULT_PREFERENCES), ...JSON.parse(text) });
    } catch (error) {
      this.log.warn('preferences file is invalid; using defaults', { file: this.file, error: (error as Error).message });
    }
    return this.current;
  }

  /** Validates, writes, then tells every listener. */
  async save(next: unknown): Promise<DesktopPreferences> {
    const valid = validatePreferences(next, 'preferences');
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

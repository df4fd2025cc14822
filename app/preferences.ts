/**
 * The desktop app's own preferences (not the PBX configuration): default
 * line, alerts, click-to-dial confirmation, tray and login behaviour, global
 * shortcuts — their shape and validator. In app/ because the settings view
 * sends them across the contract, which validates them here.
 */
import { crmUrlTemplate } from './crm-link';
import { DEFAULT_KEYS, keyBindingsSchema, type KeyBindings } from './keymap';
import { LANGUAGES, type LanguagePreference } from './i18n/languages';
import { integer, says, text, v } from './validation/schema';

/** Light or dark: the system's scheme, or one chosen in Settings. */
export type ThemePreference = 'system' | 'light' | 'dark';

export interface DesktopPreferences {
  /** The line clicked links and the dial box use first. */
  defaultLineId?: string;
  alerts: {
    /** Native notifications for calls ringing here. */
    enabled: boolean;
    /** Suppresses alerts (the tray's Do not disturb). */
    doNotDisturb: boolean;
    /** Also a small always-on-top window on the display the receptionist is working on. */
    alertWindow: boolean;
  };
  /** Ask before dialling a clicked tel:/callto: link. */
  confirmBeforeDial: boolean;
  /** Closing the window keeps the console running in the tray. */
  closeToTray: boolean;
  /** Start (minimised to the tray) when the user logs in. */
  startAtLogin: boolean;
  /** Electron accelerators; '' switches a shortcut off. */
  shortcuts: { answer: string; hangup: string };
  /** The CRM lookup address with {number} (app/crm-link.ts); '' for none. */
  crmUrlTemplate: string;
  /** The console's language: the system's (OS or browser), or one chosen here. */
  language: LanguagePreference;
  theme: ThemePreference;
  /** How many days the journal keeps a finished call. */
  journalRetentionDays: number;
  /** The console's own keys inside its window (app/keymap.ts). */
  keys: KeyBindings;
  /** The ring sound for calls ringing here (silent under do-not-disturb whatever this says). */
  sound: { muted: boolean; volume: number };
}

export const DEFAULT_PREFERENCES: DesktopPreferences = {
  alerts: { enabled: true, doNotDisturb: false, alertWindow: false },
  // RFC 3966 §11: a client must not place a call from a link without the user's explicit consent.
  confirmBeforeDial: true,
  closeToTray: true,
  startAtLogin: false,
  shortcuts: { answer: 'CommandOrControl+Alt+A', hangup: 'CommandOrControl+Alt+H' },
  crmUrlTemplate: '',
  language: 'system',
  theme: 'system',
  journalRetentionDays: 365,
  keys: DEFAULT_KEYS,
  sound: { muted: false, volume: 70 },
};

/** The ring volume's bounds in percent. */
export const SOUND_VOLUME = { min: 0, max: 100 } as const;

/** The retention period's bounds in days (a day to ten years). */
export const JOURNAL_RETENTION_DAYS = { min: 1, max: 3650 } as const;

const MODIFIERS = [
  'Command',
  'Cmd',
  'Control',
  'Ctrl',
  'CommandOrControl',
  'CmdOrCtrl',
  'Alt',
  'Option',
  'AltGr',
  'Shift',
  'Super',
  'Meta',
];
const KEY =
  /^([A-Z0-9]|F([1-9]|1[0-9]|2[0-4])|Space|Tab|Backspace|Delete|Insert|Return|Enter|Up|Down|Left|Right|Home|End|PageUp|PageDown|Escape|Esc|Plus|num[0-9])$/;

function isAccelerator(value: string): boolean {
  if (value === '') return true;
  const parts = value.split('+');
  const key = parts.pop() ?? '';
  return parts.length > 0 && new Set(parts).size === parts.length && parts.every((m) => MODIFIERS.includes(m)) && KEY.test(key);
}

/**
 * An Electron accelerator with at least one modifier (a bare key would be
 * stolen from every other application), or '' for none.
 */
export const accelerator = v.pipe(text(0, 64), v.check(isAccelerator, says('validation.accelerator')));

export const preferencesSchema = v.pipe(
  v.strictObject({
    defaultLineId: v.optional(text(1, 256)),
    alerts: v.strictObject({ enabled: v.boolean(), doNotDisturb: v.boolean(), alertWindow: v.boolean() }),
    confirmBeforeDial: v.boolean(),
    closeToTray: v.boolean(),
    startAtLogin: v.boolean(),
    shortcuts: v.strictObject({ answer: accelerator, hangup: accelerator }),
    crmUrlTemplate,
    language: v.picklist(['system', ...LANGUAGES]),
    theme: v.picklist(['system', 'light', 'dark']),
    journalRetentionDays: integer(JOURNAL_RETENTION_DAYS.min, JOURNAL_RETENTION_DAYS.max),
    keys: keyBindingsSchema,
    sound: v.strictObject({ muted: v.boolean(), volume: integer(SOUND_VOLUME.min, SOUND_VOLUME.max) }),
  }),
  v.forward(
    v.check((p) => p.shortcuts.answer === '' || p.shortcuts.answer !== p.shortcuts.hangup, says('validation.sameShortcut')),
    ['shortcuts', 'hangup'],
  ),
) satisfies v.GenericSchema<unknown, DesktopPreferences>;

/**
 * Light or dark in the desktop app: the theme preference becomes
 * `nativeTheme.themeSource`, which Electron's own UI (menus, window frames on
 * macOS) follows and which the renderer's `prefers-color-scheme` reports, so
 * the page (renderer/src/theme) and the shell agree. Also says whether the
 * tray sits on a dark panel, so the tray can pick the icon that reads there.
 */
import { nativeTheme, type NativeTheme } from 'electron';
import type { ThemePreference } from '../../app/preferences';

export type ThemeSource = NativeTheme['themeSource'];

/** The parts of nativeTheme used here (tests pass a fake). */
export interface NativeThemeLike {
  themeSource: ThemeSource;
  readonly shouldUseDarkColors: boolean;
  /** Windows (and macOS): the taskbar's own scheme, which an app's themeSource does not change. */
  readonly shouldUseDarkColorsForSystemIntegratedUI?: boolean;
  on(event: 'updated', listener: () => void): unknown;
  removeListener(event: 'updated', listener: () => void): unknown;
}

/** Where the preferences come from (PreferencesFile). */
export interface ThemePreferences {
  get(): { theme: ThemePreference };
  onChange(listener: () => void): () => void;
}

/** 'system' follows the OS; 'light' and 'dark' override it. Anything else (an old file) is 'system'. */
export function themeSourceFor(preference: ThemePreference | undefined): ThemeSource {
  return preference === 'light' || preference === 'dark' ? preference : 'system';
}

export class ShellTheme {
  /** The OS's own scheme, last seen while nothing overrode it (Linux reports only the overridden one). */
  private systemDark: boolean | undefined;

  /** Electron's nativeTheme unless a test gives another; touched only when first used, never at construction. */
  constructor(
    private readonly given?: NativeThemeLike,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  private get native(): NativeThemeLike {
    return this.given ?? nativeTheme;
  }

  /** Sets themeSource from the preference. */
  apply(preference: ThemePreference | undefined): void {
    this.noteSystemScheme();
    const source = themeSourceFor(preference);
    if (this.native.themeSource !== source) this.native.themeSource = source;
  }

  /**
   * Whether the tray's panel (taskbar, top bar) is dark. The panel follows
   * the OS, never the app's override: Windows says so itself; elsewhere the
   * OS scheme is the one seen while the app did not override it.
   */
  darkPanel(): boolean {
    if (this.platform === 'win32' && this.native.shouldUseDarkColorsForSystemIntegratedUI !== undefined)
      return this.native.shouldUseDarkColorsForSystemIntegratedUI;
    this.noteSystemScheme();
    return this.systemDark ?? this.native.shouldUseDarkColors;
  }

  /**
   * Applies the preference now and whenever it changes; `onPanelChange`
   * hears when the panel turns dark or light (the tray repaints). Returns
   * the function that stops both.
   */
  follow(preferences: ThemePreferences, onPanelChange: () => void): () => void {
    this.apply(preferences.get().theme);
    let dark = this.darkPanel();
    const updated = () => {
      const now = this.darkPanel();
      if (now === dark) return;
      dark = now;
      onPanelChange();
    };
    this.native.on('updated', updated);
    const stopPreferences = preferences.onChange(() => this.apply(preferences.get().theme));
    return () => {
      stopPreferences();
      this.native.removeListener('updated', updated);
    };
  }

  private noteSystemScheme(): void {
    if (this.native.themeSource === 'system') this.systemDark = this.native.shouldUseDarkColors;
  }
}

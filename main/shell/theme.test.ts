import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ThemePreference } from '../../app/preferences';
import { ShellTheme, themeSourceFor } from './theme';

/**
 * nativeTheme as Electron behaves: themeSource overrides the OS scheme for
 * shouldUseDarkColors (and the renderer's prefers-color-scheme), emitting
 * 'updated' at once; the Windows taskbar's own flag follows only the OS.
 */
const electron = vi.hoisted(() => {
  class FakeNativeTheme {
    private source: 'system' | 'light' | 'dark' = 'system';
    private readonly listeners = new Set<() => void>();
    osDark = false;
    get themeSource() {
      return this.source;
    }
    set themeSource(source: 'system' | 'light' | 'dark') {
      this.source = source;
      this.emit();
    }
    get shouldUseDarkColors() {
      return this.source === 'system' ? this.osDark : this.source === 'dark';
    }
    get shouldUseDarkColorsForSystemIntegratedUI() {
      return this.osDark;
    }
    /** The OS switches its scheme (the user, or dusk). */
    switchOs(dark: boolean) {
      this.osDark = dark;
      this.emit();
    }
    listenerCount() {
      return this.listeners.size;
    }
    on(_event: 'updated', listener: () => void) {
      this.listeners.add(listener);
      return this;
    }
    removeListener(_event: 'updated', listener: () => void) {
      this.listeners.delete(listener);
      return this;
    }
    private emit() {
      for (const listener of [...this.listeners]) listener();
    }
  }
  return { FakeNativeTheme, module: { nativeTheme: new FakeNativeTheme() } };
});
vi.mock('electron', () => electron.module);
type Fake = InstanceType<typeof electron.FakeNativeTheme>;

/** Preferences as PreferencesFile keeps them: get() and change listeners. */
function preferences(theme: ThemePreference) {
  const listeners = new EventEmitter();
  let current = { theme };
  return {
    get: () => current,
    onChange(listener: () => void) {
      listeners.on('change', listener);
      return () => void listeners.off('change', listener);
    },
    save(next: ThemePreference) {
      current = { theme: next };
      listeners.emit('change');
    },
    listenerCount: () => listeners.listenerCount('change'),
  };
}

let native: Fake;
beforeEach(() => {
  native = new electron.FakeNativeTheme();
});

describe('theme source', () => {
  it('is the preference: system follows the OS, light and dark override it; anything else is system', () => {
    expect(themeSourceFor('system')).toBe('system');
    expect(themeSourceFor('light')).toBe('light');
    expect(themeSourceFor('dark')).toBe('dark');
    expect(themeSourceFor(undefined)).toBe('system');
    expect(themeSourceFor('sepia' as ThemePreference)).toBe('system');
  });
});

describe('ShellTheme', () => {
  it("sets Electron's nativeTheme.themeSource by default, from the preference now and on every change", () => {
    const prefs = preferences('dark');
    const stop = new ShellTheme().follow(prefs, vi.fn());
    expect(electron.module.nativeTheme.themeSource).toBe('dark');
    prefs.save('light');
    expect(electron.module.nativeTheme.themeSource).toBe('light');
    prefs.save('system');
    expect(electron.module.nativeTheme.themeSource).toBe('system');
    stop();
    prefs.save('dark');
    expect(electron.module.nativeTheme.themeSource).toBe('system');
    expect(prefs.listenerCount()).toBe(0);
    expect(electron.module.nativeTheme.listenerCount()).toBe(0);
  });

  it('Windows: the panel is dark when the taskbar is, whatever the app chose', () => {
    native.osDark = true;
    const theme = new ShellTheme(native, 'win32');
    theme.apply('light');
    expect(native.shouldUseDarkColors).toBe(false);
    expect(theme.darkPanel()).toBe(true);
    native.switchOs(false);
    expect(theme.darkPanel()).toBe(false);
  });

  it("Linux: the panel follows the OS scheme seen before the app's override", () => {
    native.osDark = true;
    const theme = new ShellTheme(native, 'linux');
    theme.apply('light');
    expect(theme.darkPanel()).toBe(true);
    theme.apply('system');
    native.switchOs(false);
    expect(theme.darkPanel()).toBe(false);
  });

  it('tells the tray to repaint only when the panel turns dark or light', () => {
    const onPanelChange = vi.fn();
    const prefs = preferences('system');
    const stop = new ShellTheme(native, 'linux').follow(prefs, onPanelChange);
    native.switchOs(true);
    expect(onPanelChange).toHaveBeenCalledTimes(1);
    // The app's own override changes Electron's scheme, not the panel's.
    prefs.save('light');
    prefs.save('dark');
    expect(onPanelChange).toHaveBeenCalledTimes(1);
    prefs.save('system');
    native.switchOs(false);
    expect(onPanelChange).toHaveBeenCalledTimes(2);
    stop();
    native.switchOs(true);
    expect(onPanelChange).toHaveBeenCalledTimes(2);
  });
});

// @vitest-environment jsdom
import { act, cleanup } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ThemePreference } from '../../../app/preferences';
import { renderConsole } from '../testing/render-console';
import { DARK_SCHEME_QUERY, resolveTheme } from './theme';

afterEach(() => {
  cleanup();
  // The tests set their own matchMedia on window; removing it brings back what jsdom has (nothing).
  delete (window as { matchMedia?: unknown }).matchMedia;
  delete document.documentElement.dataset.theme;
  document.documentElement.style.colorScheme = '';
});

/** A system colour scheme the test switches, as the OS does at dusk. */
function systemScheme(initiallyDark: boolean) {
  let dark = initiallyDark;
  const listeners = new Set<() => void>();
  window.matchMedia = (query: string) =>
    ({
      media: query,
      get matches() {
        return query === DARK_SCHEME_QUERY && dark;
      },
      addEventListener: (_type: string, listener: () => void) => listeners.add(listener),
      removeEventListener: (_type: string, listener: () => void) => listeners.delete(listener),
    }) as unknown as MediaQueryList;
  return {
    listeners,
    switchTo(next: 'light' | 'dark') {
      dark = next === 'dark';
      act(() => listeners.forEach((listener) => listener()));
    },
  };
}

const applied = () => ({ theme: document.documentElement.dataset.theme, colorScheme: document.documentElement.style.colorScheme });

async function choose(view: ReturnType<typeof renderConsole>, theme: ThemePreference) {
  const { settings } = view.api;
  await act(() =>
    view.store.getState().savePreferences({ defaultCountry: settings.defaultCountry, preferences: { ...settings.preferences, theme } }),
  );
}

describe('resolveTheme', () => {
  it('takes the Settings choice, else the system scheme', () => {
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    // Settings not loaded yet: the system's.
    expect(resolveTheme(undefined, true)).toBe('dark');
  });
});

describe('ThemeProvider', () => {
  it('follows the system scheme, also when it changes, and sets color-scheme for native controls', async () => {
    const system = systemScheme(true);
    const view = renderConsole();
    await act(async () => {});
    expect(applied()).toEqual({ theme: 'dark', colorScheme: 'dark' });
    system.switchTo('light');
    expect(applied()).toEqual({ theme: 'light', colorScheme: 'light' });
    system.switchTo('dark');
    expect(applied()).toEqual({ theme: 'dark', colorScheme: 'dark' });
    view.unmount();
    expect(system.listeners.size).toBe(0);
  });

  it('the Settings choice wins over the system; back on "system" it follows the system again', async () => {
    const system = systemScheme(true);
    const view = renderConsole();
    await choose(view, 'light');
    expect(applied()).toEqual({ theme: 'light', colorScheme: 'light' });
    system.switchTo('light');
    await choose(view, 'dark');
    expect(applied()).toEqual({ theme: 'dark', colorScheme: 'dark' });
    await choose(view, 'system');
    expect(applied()).toEqual({ theme: 'light', colorScheme: 'light' });
  });

  it('is light where there is no media query to ask (jsdom)', async () => {
    expect(typeof window.matchMedia).toBe('undefined');
    renderConsole();
    await act(async () => {});
    expect(applied()).toEqual({ theme: 'light', colorScheme: 'light' });
  });
});

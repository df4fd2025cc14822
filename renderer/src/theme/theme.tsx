/**
 * Light or dark: the theme chosen in Settings, else the system's
 * (`prefers-color-scheme`; in Electron the media query follows nativeTheme,
 * which main/shell/theme.ts sets from the same preference). The theme is
 * `<html data-theme>`, which selects a block of design tokens in
 * tokens.css, and `color-scheme`, so scrollbars and native controls follow.
 */
import { createContext, useContext, useLayoutEffect, useSyncExternalStore, type ReactNode } from 'react';
import type { ThemePreference } from '../../../app/preferences';
import { useAttendant } from '../store/context';

export type Theme = 'light' | 'dark';

export const DARK_SCHEME_QUERY = '(prefers-color-scheme: dark)';

/** The Settings choice wins; 'system' (or not loaded yet) follows the system. */
export function resolveTheme(preference: ThemePreference | undefined, systemDark: boolean): Theme {
  if (preference === 'light' || preference === 'dark') return preference;
  return systemDark ? 'dark' : 'light';
}

/** The dark-scheme media query, where there is one (jsdom has no matchMedia). */
function darkSchemeQuery(): MediaQueryList | undefined {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(DARK_SCHEME_QUERY) : undefined;
}

function subscribeToSystemScheme(onChange: () => void): () => void {
  const query = darkSchemeQuery();
  query?.addEventListener('change', onChange);
  return () => query?.removeEventListener('change', onChange);
}

const systemPrefersDark = () => darkSchemeQuery()?.matches ?? false;

/** Whether the system asks for dark, kept current while it changes (the OS switching at dusk). */
export function useSystemPrefersDark(): boolean {
  return useSyncExternalStore(subscribeToSystemScheme, systemPrefersDark, () => false);
}

const ThemeContext = createContext<Theme>('light');

/** Applies the theme to the document and provides it to everything below. */
export function ThemeProvider({ children }: { children: ReactNode }) {
  const preference = useAttendant((state) => state.settings?.preferences.theme);
  const theme = resolveTheme(preference, useSystemPrefersDark());
  // Before paint, so a change never shows one frame of the old theme.
  useLayoutEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = theme;
    root.style.colorScheme = theme;
  }, [theme]);
  return <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>;
}

/** The theme on screen now. */
export function useTheme(): Theme {
  return useContext(ThemeContext);
}

/**
 * Both themes meet WCAG 2 AA: every foreground/background pair the CSS
 * puts together, listed below with where it is used, read from the token
 * values in tokens.css and measured with the WCAG relative-luminance
 * formula. Also: the component CSS holds no colour of its own, and both
 * themes define the same tokens.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '..');
const TOKENS_FILE = path.join(__dirname, 'tokens.css');
const THEMES = ['light', 'dark'] as const;
type ThemeName = (typeof THEMES)[number];

/** WCAG 2.x relative luminance of an sRGB #rrggbb colour. */
function relativeLuminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = match.slice(1).map((part) => {
    const channel = parseInt(part, 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio, (L1 + 0.05) / (L2 + 0.05) with L1 the lighter. */
function contrastRatio(a: string, b: string): number {
  const [lighter, darker] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (lighter + 0.05) / (darker + 0.05);
}

/** The custom properties of the rule whose selector list contains `selector`. */
function tokensOf(css: string, selector: string): Map<string, string> {
  const rules = [...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^{}]*)\}/g)];
  const rule = rules.find(([, selectors]) => selectors.split(',').some((s) => s.trim() === selector));
  if (!rule) throw new Error(`no rule for ${selector} in tokens.css`);
  return new Map([...rule[2].matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map(([, name, value]) => [name, value.trim()]));
}

const tokensCss = readFileSync(TOKENS_FILE, 'utf8');
const themes: Record<ThemeName, Map<string, string>> = {
  light: tokensOf(tokensCss, ":root[data-theme='light']"),
  dark: tokensOf(tokensCss, ":root[data-theme='dark']"),
};

/** Normal text needs 4.5:1; large text (24px, or 18.66px bold) 3:1; a control's edge or a focus ring 3:1 (1.4.11). */
const AA = { text: 4.5, large: 3, ui: 3 } as const;

interface Pair {
  fg: string;
  bg: string;
  kind: keyof typeof AA;
  where: string;
}

/** Every pair used together; `fg`/`bg` are token names without the leading "--". */
const PAIRS: Pair[] = [
  { fg: 'text', bg: 'bg', kind: 'text', where: 'page text, settings view, alert window' },
  { fg: 'text', bg: 'panel', kind: 'text', where: 'panels, call rows, role badge' },
  { fg: 'muted', bg: 'panel', kind: 'text', where: 'headings, field labels, secondary text, tags' },
  { fg: 'muted', bg: 'bg', kind: 'text', where: 'settings headings and notes, alert details' },
  { fg: 'text', bg: 'control-bg', kind: 'text', where: 'buttons, inputs, selects' },
  { fg: 'muted', bg: 'control-bg', kind: 'text', where: 'input placeholders' },
  { fg: 'text', bg: 'kbd-bg', kind: 'text', where: 'shortcut keys' },
  { fg: 'text', bg: 'badge-bg', kind: 'text', where: 'badges: dialing, ringback, queued, parked' },
  { fg: 'on-accent-fill', bg: 'accent-fill', kind: 'text', where: 'primary buttons, message waiting' },
  { fg: 'on-ok-fill', bg: 'ok-fill', kind: 'text', where: 'Connected badge, Answer button' },
  { fg: 'on-warn-fill', bg: 'warn-fill', kind: 'text', where: 'pressed toggles (do not disturb, forward)' },
  { fg: 'warn-text', bg: 'panel', kind: 'text', where: '"Forwarded to …"' },
  { fg: 'on-danger-fill', bg: 'danger-fill', kind: 'text', where: 'Failed badge, Hang up button, bridge reconnecting' },
  { fg: 'danger-text', bg: 'panel', kind: 'text', where: 'missed calls in the history' },
  { fg: 'danger-text', bg: 'bg', kind: 'text', where: 'settings problems and errors' },
  { fg: 'text', bg: 'danger-bg', kind: 'text', where: 'notices, failed call rows' },
  { fg: 'muted', bg: 'danger-bg', kind: 'text', where: 'direction and line in a failed call row' },
  { fg: 'success-text', bg: 'bg', kind: 'text', where: 'settings: connection test succeeded' },
  { fg: 'text', bg: 'ringing-bg', kind: 'text', where: 'ringing call rows, the ringing banner' },
  { fg: 'muted', bg: 'ringing-bg', kind: 'text', where: 'direction, line and company in a ringing row' },
  { fg: 'on-ringing-badge', bg: 'ringing-badge-bg', kind: 'text', where: 'Ringing badge' },
  { fg: 'text', bg: 'held-bg', kind: 'text', where: 'held call rows' },
  { fg: 'muted', bg: 'held-bg', kind: 'text', where: 'direction and line in a held row' },
  { fg: 'on-held-fill', bg: 'held-fill', kind: 'text', where: 'On hold / held by the other party badges' },
  { fg: 'bar-text', bg: 'bar-bg', kind: 'text', where: 'connection bar' },
  { fg: 'bar-muted', bg: 'bar-bg', kind: 'text', where: 'connection details in the bar' },
  { fg: 'presence-offline-text', bg: 'panel', kind: 'text', where: 'offline colleagues in the presence grid' },
  { fg: 'text', bg: 'drop-target-bg', kind: 'text', where: 'a colleague a call is dragged over' },
  { fg: 'accent', bg: 'panel', kind: 'ui', where: 'focus ring, selected call' },
  { fg: 'accent', bg: 'bg', kind: 'ui', where: 'focus ring in the settings view' },
  { fg: 'accent', bg: 'ringing-bg', kind: 'ui', where: 'a selected ringing call' },
  { fg: 'control-border', bg: 'panel', kind: 'ui', where: 'input and select edges' },
  { fg: 'control-border', bg: 'bg', kind: 'ui', where: 'input and select edges in the settings view' },
  { fg: 'ringing-border', bg: 'panel', kind: 'ui', where: 'the ringing row border and its pulse' },
];

describe('the WCAG formula', () => {
  it('gives the known ratios', () => {
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#ffffff', '#d97706')).toBeCloseTo(3.19, 2);
    expect(contrastRatio('#123456', '#123456')).toBe(1);
  });
});

describe('design tokens', () => {
  it('both themes define the same tokens, each a plain #rrggbb colour', () => {
    expect([...themes.dark.keys()].sort()).toEqual([...themes.light.keys()].sort());
    for (const theme of THEMES) {
      for (const [name, value] of themes[theme]) expect(value, `${theme} ${name}`).toMatch(/^#[0-9a-f]{6}$/);
    }
  });

  const cssFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return cssFiles(file);
      return entry.name.endsWith('.css') && file !== TOKENS_FILE ? [file] : [];
    });

  it('the component CSS has no colour of its own and uses only defined tokens', () => {
    const files = cssFiles(SRC);
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const css = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
      const name = path.relative(SRC, file);
      expect(css.match(/#[0-9a-f]{3,8}\b|\b(rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(/gi), name).toBeNull();
      expect(css.match(/:\s*(white|black|red|green|blue|yellow|orange|gr[ae]y)\b/gi), name).toBeNull();
      for (const [, token] of css.matchAll(/var\((--[\w-]+)/g)) expect(themes.light.has(token), `${name}: ${token}`).toBe(true);
    }
  });
});

describe.each(THEMES)('the %s theme meets WCAG AA', (theme) => {
  it.each(PAIRS)('$fg on $bg ($where)', ({ fg, bg, kind }) => {
    const colour = (token: string) => {
      const value = themes[theme].get(`--${token}`);
      if (!value) throw new Error(`--${token} is not defined in the ${theme} theme`);
      return value;
    };
    expect(contrastRatio(colour(fg), colour(bg))).toBeGreaterThanOrEqual(AA[kind]);
  });
});

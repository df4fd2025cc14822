/**
 * The tray icons in assets/ are what scripts/make-icons.ts draws (so they
 * are regenerated, not edited), read on the panels they are meant for, keep
 * the three looks apart by shape, and macOS gets true template images.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TRAY_LOOKS } from '../main/desktop/tray-state';
import { trayIconFile } from '../main/shell/tray';
import { trayIconName, trayIcons, TRAY_VARIANTS, type TrayVariant } from './make-icons';

const ASSETS = path.resolve(__dirname, '..', 'assets');

interface Image {
  size: number;
  /** RGBA, 0..255, row by row. */
  pixels: Buffer;
}

/** Decodes the PNGs renderPng writes (8-bit RGBA, filter type 0 on every row). */
function decodePng(png: Buffer): Image {
  let offset = 8;
  let size = 0;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      size = body.readUInt32BE(0);
      expect(body.readUInt32BE(4)).toBe(size);
      expect([body[8], body[9]]).toEqual([8, 6]);
    }
    if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    expect(raw[y * (size * 4 + 1)]).toBe(0);
    raw.copy(pixels, y * size * 4, y * (size * 4 + 1) + 1, (y + 1) * (size * 4 + 1));
  }
  return { size, pixels };
}

const load = (file: string) => decodePng(readFileSync(path.join(ASSETS, file)));

const channel = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
const luminance = ([r, g, b]: readonly number[]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
const hex = (colour: string) => [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));

/** Panels the icons sit on: white and Windows 11 light, GNOME light; black, Windows 11 dark, KDE Breeze dark. */
const PANELS = { light: ['#ffffff', '#eeeeee', '#d6d6d6'], dark: ['#000000', '#202020', '#31363b'] };

/**
 * How well the icon's outline stands out from a panel: the median WCAG
 * contrast, against the panel, of the icon's edge pixels (mostly opaque,
 * next to a see-through one) composited over that panel.
 */
function outlineContrast({ size, pixels }: Image, panel: string): number {
  const behind = hex(panel);
  const alpha = (x: number, y: number) => (x < 0 || y < 0 || x >= size || y >= size ? 0 : pixels[(y * size + x) * 4 + 3] / 255);
  const ratios: number[] = [];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = alpha(x, y);
      if (a < 0.5 || Math.min(alpha(x - 1, y), alpha(x + 1, y), alpha(x, y - 1), alpha(x, y + 1)) >= 0.5) continue;
      const i = (y * size + x) * 4;
      const seen = [0, 1, 2].map((c) => pixels[i + c] * a + behind[c] * (1 - a));
      ratios.push(contrast(luminance(seen), luminance(behind)));
    }
  }
  ratios.sort((p, q) => p - q);
  return ratios[Math.floor(ratios.length / 2)];
}

/** The share of pixels where two icons differ visibly in lightness or coverage (not in hue alone). */
function difference(a: Image, b: Image): number {
  let differing = 0;
  for (let i = 0; i < a.pixels.length; i += 4) {
    const alphaA = a.pixels[i + 3] / 255;
    const alphaB = b.pixels[i + 3] / 255;
    const lumA = luminance([...a.pixels.subarray(i, i + 3)]) * alphaA;
    const lumB = luminance([...b.pixels.subarray(i, i + 3)]) * alphaB;
    if (Math.abs(alphaA - alphaB) > 0.5 || Math.abs(lumA - lumB) > 0.25) differing++;
  }
  return differing / (a.pixels.length / 4);
}

describe('tray icons', () => {
  it('assets/ holds exactly what make-icons draws, each small', () => {
    const icons = trayIcons();
    expect(icons).toHaveLength(TRAY_LOOKS.length * TRAY_VARIANTS.length * 2);
    for (const { file, png } of icons) {
      const committed = readFileSync(path.join(ASSETS, file));
      expect(committed.equals(png), `${file} is stale: run npm run icons`).toBe(true);
      expect(committed.length, file).toBeLessThan(1024);
    }
  });

  it('the tray asks for files that exist, on every platform and panel', () => {
    const names = new Set(trayIcons().map((icon) => icon.file));
    for (const look of TRAY_LOOKS) {
      for (const platform of ['win32', 'linux', 'darwin'] as const) {
        for (const dark of [false, true]) {
          const file = trayIconFile(look, platform, dark);
          expect(names.has(file), file).toBe(true);
          expect(names.has(file.replace(/\.png$/, '@2x.png')), file).toBe(true);
        }
      }
    }
  });

  it.each(TRAY_LOOKS)('%s: outlined for the panel it is drawn for (3:1 or better on every such panel)', (look) => {
    for (const density of [1, 2] as const) {
      const forLight = load(trayIconName(look, 'light-panel', density));
      const forDark = load(trayIconName(look, 'dark-panel', density));
      for (const panel of PANELS.light) expect(outlineContrast(forLight, panel), `${panel} @${density}x`).toBeGreaterThanOrEqual(3);
      for (const panel of PANELS.dark) expect(outlineContrast(forDark, panel), `${panel} @${density}x`).toBeGreaterThanOrEqual(3);
    }
  });

  it('macOS template images are black and transparency only', () => {
    for (const look of TRAY_LOOKS) {
      for (const density of [1, 2] as const) {
        const { pixels } = load(trayIconName(look, 'template', density));
        let covered = 0;
        for (let i = 0; i < pixels.length; i += 4) {
          expect([pixels[i], pixels[i + 1], pixels[i + 2]]).toEqual([0, 0, 0]);
          if (pixels[i + 3] > 127) covered++;
        }
        expect(covered, look).toBeGreaterThan(pixels.length / 4 / 5);
      }
    }
  });

  it.each(TRAY_VARIANTS)('%s: idle, ringing and offline differ in shape, not in colour alone', (variant: TrayVariant) => {
    for (const density of [1, 2] as const) {
      const [idle, ringing, offline] = TRAY_LOOKS.map((look) => load(trayIconName(look, variant, density)));
      for (const [a, b, what] of [
        [idle, ringing, 'idle/ringing'],
        [idle, offline, 'idle/offline'],
        [ringing, offline, 'ringing/offline'],
      ] as const) {
        expect(difference(a, b), `${what} @${density}x`).toBeGreaterThan(0.1);
      }
    }
  });
});

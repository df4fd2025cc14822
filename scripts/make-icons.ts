/**
 * Draws the app's icons as PNGs with nothing but node:zlib, so they can be
 * regenerated anywhere: `npm run icons` (tsx scripts/make-icons.ts).
 *
 * Tray looks differ by shape as well as colour (colour-blind users, and
 * monochrome panels): idle = solid disc, ringing = disc with a bright
 * centre and an inner ring, offline = grey hollow ring with a slash. Each
 * look comes three ways (main/shell/tray.ts picks one):
 * - `tray-<look>.png`: for a light panel, outlined dark;
 * - `tray-<look>-dark.png`: for a dark panel, outlined light;
 * - `tray-<look>Template.png`: macOS, black and transparency only (the menu
 *   bar tints a template image for its own appearance), the same shapes.
 * Each also at @2x for high-density displays.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { TRAY_LOOKS, type TrayLook } from '../main/desktop/tray-state';

type Rgba = [number, number, number, number];
/** Coverage of a pixel by a shape, sampled at (x, y) in 0..1 units. */
type Shape = (x: number, y: number) => Rgba | undefined;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Renders with 4×4 supersampling for smooth edges; returns PNG bytes. */
export function renderPng(size: number, shape: Shape): Buffer {
  const samples = 4;
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = shape((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (!colour) continue;
          const alpha = colour[3] / 255;
          r += colour[0] * alpha;
          g += colour[1] * alpha;
          b += colour[2] * alpha;
          a += alpha;
        }
      }
      const offset = py * (size * 4 + 1) + 1 + px * 4;
      raw[offset] = a ? Math.round(r / a) : 0;
      raw[offset + 1] = a ? Math.round(g / a) : 0;
      raw[offset + 2] = a ? Math.round(b / a) : 0;
      raw[offset + 3] = Math.round((a / (samples * samples)) * 255);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const DARK: Rgba = [20, 22, 28, 255];
const LIGHT: Rgba = [255, 255, 255, 255];
const BLACK: Rgba = [0, 0, 0, 255];
const distance = (x: number, y: number) => Math.hypot(x - 0.5, y - 0.5);

const GREEN: Rgba = [34, 160, 80, 255];
const ORANGE: Rgba = [235, 90, 20, 255];
const GREY: Rgba = [120, 126, 136, 255];

/** Which panel an icon is drawn for; `template` is macOS's monochrome kind. */
export type TrayVariant = 'light-panel' | 'dark-panel' | 'template';
export const TRAY_VARIANTS: readonly TrayVariant[] = ['light-panel', 'dark-panel', 'template'];

/** The outline faces the panel (it must stand out there); the rim inside it sets the mark off its outline. */
const OUTLINES: Record<Exclude<TrayVariant, 'template'>, { outline: Rgba; rim: Rgba }> = {
  'light-panel': { outline: DARK, rim: LIGHT },
  'dark-panel': { outline: LIGHT, rim: DARK },
};

/** A disc with an outline and a rim, filled with `fill`; `inner` draws on top. */
const badge =
  (outline: Rgba, rim: Rgba, fill: Rgba, inner?: Shape): Shape =>
  (x, y) => {
    const d = distance(x, y);
    if (d > 0.48) return undefined;
    if (d > 0.43) return outline;
    if (d > 0.37) return rim;
    return inner?.(x, y) ?? fill;
  };

/** The ringing mark's bright centre and inner ring. */
const ringingCentre = (x: number, y: number): boolean => {
  const d = distance(x, y);
  return d < 0.13 || (d > 0.22 && d < 0.28);
};

/** The offline slash, top right to bottom left: its distance from the diagonal. */
const slash = (x: number, y: number) => Math.abs(x + y - 1) / Math.SQRT2;

/** The shape of one tray look drawn for one kind of panel. */
export function trayShape(look: TrayLook, variant: TrayVariant): Shape {
  if (variant === 'template') {
    // Black where the coloured icon has colour, transparent where it is bright, so the shapes stay apart.
    switch (look) {
      case 'idle':
        return (x, y) => (distance(x, y) <= 0.46 ? BLACK : undefined);
      case 'ringing':
        return (x, y) => (distance(x, y) <= 0.46 && !ringingCentre(x, y) ? BLACK : undefined);
      case 'offline':
        return (x, y) => {
          const d = distance(x, y);
          return d <= 0.46 && (d > 0.3 || slash(x, y) < 0.07) ? BLACK : undefined;
        };
    }
  }
  const { outline, rim } = OUTLINES[variant];
  switch (look) {
    case 'idle':
      return badge(outline, rim, GREEN);
    case 'ringing':
      return badge(outline, rim, ORANGE, (x, y) => (ringingCentre(x, y) ? LIGHT : undefined));
    case 'offline':
      return (x, y) => {
        const d = distance(x, y);
        // A hollow grey ring between two outlines, crossed by an outlined slash.
        if (d <= 0.46 && slash(x, y) < 0.07) return slash(x, y) < 0.045 ? GREY : outline;
        if (d > 0.46) return undefined;
        if (d > 0.41) return outline;
        if (d > 0.31) return GREY;
        if (d > 0.27) return outline;
        return undefined;
      };
  }
}

/** The file name of a tray icon in assets/ (main/shell/tray.ts asks for these names). */
export function trayIconName(look: TrayLook, variant: TrayVariant, density: 1 | 2): string {
  const base = variant === 'template' ? `tray-${look}Template` : variant === 'dark-panel' ? `tray-${look}-dark` : `tray-${look}`;
  return `${base}${density === 2 ? '@2x' : ''}.png`;
}

/** Every tray icon: each look for each panel, 16 px and 32 px (@2x). */
export function trayIcons(): { file: string; png: Buffer }[] {
  return TRAY_LOOKS.flatMap((look) =>
    TRAY_VARIANTS.flatMap((variant) =>
      ([1, 2] as const).map((density) => ({
        file: trayIconName(look, variant, density),
        png: renderPng(16 * density, trayShape(look, variant)),
      })),
    ),
  );
}

/** The app icon: a blue rounded square with a white handset-like arc and the idle disc. */
const APP_ICON: Shape = (x, y) => {
  const radius = 0.18;
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  if (Math.hypot(x - cx, y - cy) > radius) return undefined;
  const d = distance(x, y);
  if (d > 0.25 && d < 0.33 && y > 0.45) return LIGHT;
  if (distance(x, y + 0.08) < 0.12) return LIGHT;
  return [30, 90, 180, 255];
};

if (process.argv[1] && path.basename(process.argv[1]).startsWith('make-icons')) {
  const out = path.resolve(__dirname, '..', 'assets');
  for (const { file, png } of trayIcons()) writeFileSync(path.join(out, file), png);
  writeFileSync(path.join(out, 'icon.png'), renderPng(512, APP_ICON));
  process.stdout.write(`icons written to ${out}\n`);
}

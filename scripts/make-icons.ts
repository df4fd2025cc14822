/**
 * Draws the app's icons as PNGs with nothing but node:zlib, so they can be
 * regenerated anywhere: `npx tsx scripts/make-icons.ts`.
 *
 * Tray looks differ by shape as well as colour (colour-blind users, and
 * monochrome panels): idle = solid disc, ringing = disc with a bright
 * centre and an outer ring, offline = grey hollow ring with a slash. Each
 * mark has a light rim and a dark edge so it reads on light and dark panels.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

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
const distance = (x: number, y: number) => Math.hypot(x - 0.5, y - 0.5);

/** A disc with a dark edge and a light rim, filled with `fill`; `inner` draws on top. */
const badge =
  (fill: Rgba, inner?: Shape): Shape =>
  (x, y) => {
    const d = distance(x, y);
    if (d > 0.48) return undefined;
    if (d > 0.43) return DARK;
    if (d > 0.37) return LIGHT;
    return inner?.(x, y) ?? fill;
  };

const GREEN: Rgba = [34, 160, 80, 255];
const ORANGE: Rgba = [235, 90, 20, 255];
const GREY: Rgba = [120, 126, 136, 255];

const SHAPES: Record<string, Shape> = {
  idle: badge(GREEN),
  ringing: badge(ORANGE, (x, y) => {
    const d = distance(x, y);
    if (d < 0.13) return LIGHT;
    if (d > 0.22 && d < 0.28) return LIGHT;
    return undefined;
  }),
  offline: (x, y) => {
    const d = distance(x, y);
    // The slash, top right to bottom left, over a hollow ring.
    const slash = Math.abs(x + y - 1) / Math.SQRT2;
    if (d <= 0.46 && slash < 0.07) return slash < 0.045 ? GREY : DARK;
    if (d > 0.46) return undefined;
    if (d > 0.41) return DARK;
    if (d > 0.31) return GREY;
    if (d > 0.27) return DARK;
    return undefined;
  },
};

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
  for (const [look, shape] of Object.entries(SHAPES)) {
    writeFileSync(path.join(out, `tray-${look}.png`), renderPng(16, shape));
    // Electron picks the @2x file by itself on high-density displays.
    writeFileSync(path.join(out, `tray-${look}@2x.png`), renderPng(32, shape));
  }
  writeFileSync(path.join(out, 'icon.png'), renderPng(512, APP_ICON));
  process.stdout.write(`icons written to ${out}\n`);
}

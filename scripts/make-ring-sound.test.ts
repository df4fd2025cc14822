/**
 * assets/ring.wav is what scripts/make-ring-sound.ts writes (regenerated,
 * not edited): small 16-bit mono PCM, two bursts of sound and a silent pause.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ringWav } from './make-ring-sound';

const RING_FILE = path.resolve(__dirname, '..', 'assets', 'ring.wav');

describe('the ring sound asset', () => {
  it('is exactly what the script writes, and under 100 kB', () => {
    const file = readFileSync(RING_FILE);
    expect(file.equals(ringWav())).toBe(true);
    expect(file.length).toBeLessThan(100_000);
  });

  it('is 2 s of 16-bit mono PCM: sound in the bursts, silence in the pause', () => {
    const wav = ringWav();
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.toString('ascii', 8, 16)).toBe('WAVEfmt ');
    expect({ format: wav.readUInt16LE(20), channels: wav.readUInt16LE(22), bits: wav.readUInt16LE(34) }).toEqual({
      format: 1,
      channels: 1,
      bits: 16,
    });
    const rate = wav.readUInt32LE(24);
    const samples = wav.readUInt32LE(40) / 2;
    expect(samples / rate).toBe(2);
    const loudest = (fromS: number, toS: number) => {
      let peak = 0;
      for (let i = Math.round(fromS * rate); i < Math.round(toS * rate); i++) peak = Math.max(peak, Math.abs(wav.readInt16LE(44 + i * 2)));
      return peak;
    };
    expect(loudest(0.05, 0.35)).toBeGreaterThan(10_000);
    expect(loudest(0.65, 0.95)).toBeGreaterThan(10_000);
    expect(loudest(1.05, 2)).toBe(0);
  });
});

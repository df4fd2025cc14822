/**
 * Writes assets/ring.wav, the ring the console loops while a call rings
 * here (renderer/src/sound): `npx tsx scripts/make-ring-sound.ts`.
 *
 * A two-tone telephone ring, two bursts and a pause, 2 s in all, so that
 * looping it gives the familiar "ring-ring … ring-ring" cadence. The two
 * tones (440 Hz + 480 Hz) beat against each other, and a 20 Hz tremolo
 * gives the bell-like warble of a ringer. 16-bit mono PCM at 16 kHz keeps
 * the file at about 64 kB and plays everywhere without a decoder.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const SAMPLE_RATE = 16_000;
const DURATION_S = 2;
const TONES_HZ = [440, 480] as const;
const TREMOLO_HZ = 20;
/** When the ringer sounds within the 2 s: [start, end] in seconds. */
const BURSTS_S: readonly (readonly [number, number])[] = [
  [0, 0.4],
  [0.6, 1.0],
];
/** Short fades, so a burst starts and stops without a click. */
const FADE_S = 0.01;
/** Headroom below full scale (the two tones can add up). */
const PEAK = 0.7;

/** The ring's amplitude at time t, in -1..1. */
function sampleAt(t: number): number {
  const burst = BURSTS_S.find(([start, end]) => t >= start && t < end);
  if (!burst) return 0;
  const [start, end] = burst;
  const envelope = Math.min(1, (t - start) / FADE_S, (end - t) / FADE_S);
  const tremolo = 0.75 + 0.25 * Math.sin(2 * Math.PI * TREMOLO_HZ * t);
  const tones = TONES_HZ.reduce((sum, hz) => sum + Math.sin(2 * Math.PI * hz * t), 0) / TONES_HZ.length;
  return PEAK * envelope * tremolo * tones;
}

/** A canonical 44-byte RIFF/WAVE header for 16-bit mono PCM, then the samples (little-endian). */
export function ringWav(): Buffer {
  const samples = Math.round(SAMPLE_RATE * DURATION_S);
  const dataBytes = samples * 2;
  const wav = Buffer.alloc(44 + dataBytes);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write('WAVE', 8, 'ascii');
  wav.write('fmt ', 12, 'ascii');
  wav.writeUInt32LE(16, 16); // fmt chunk size
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(SAMPLE_RATE, 24);
  wav.writeUInt32LE(SAMPLE_RATE * 2, 28); // bytes per second
  wav.writeUInt16LE(2, 32); // bytes per frame
  wav.writeUInt16LE(16, 34); // bits per sample
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < samples; i++) {
    wav.writeInt16LE(Math.round(sampleAt(i / SAMPLE_RATE) * 32767), 44 + i * 2);
  }
  return wav;
}

if (process.argv[1] && path.basename(process.argv[1]).startsWith('make-ring-sound')) {
  const target = path.resolve(__dirname, '..', 'assets', 'ring.wav');
  const wav = ringWav();
  writeFileSync(target, wav);
  process.stdout.write(`${target}: ${wav.length} bytes, ${DURATION_S} s at ${SAMPLE_RATE} Hz\n`);
}

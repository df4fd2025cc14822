/**
 * Fuzzing (not a test; a few thousand inputs per decoder also run in npm test, scripts/fuzz.test.ts):
 *
 *   npm run fuzz                      100,000 inputs per decoder
 *   FUZZ_RUNS=5000 FUZZ_SEED=7 npm run fuzz
 *
 * Prints, per decoder: inputs tried, foreign exceptions (throws other than the decoder's own refusal — bugs),
 * and the slowest input (time and size). Exits non-zero when any decoder threw a foreign exception.
 */
import { performance } from 'node:perf_hooks';
import { FUZZ_TARGETS, isForeign, type FuzzTarget } from './fuzz-targets';
import { generateInputs } from './fuzz-inputs';

export interface FuzzReport {
  name: string;
  tried: number;
  refused: number;
  /** Foreign exceptions: how many, and the first few. */
  foreign: number;
  examples: { input: string; error: string }[];
  slowest: { ms: number; bytes: number };
}

/** Feeds `runs` inputs (in batches, so memory stays flat) to one decoder. */
export function fuzz(target: FuzzTarget, runs: number, seed: number): FuzzReport {
  const report: FuzzReport = { name: target.name, tried: 0, refused: 0, foreign: 0, examples: [], slowest: { ms: 0, bytes: 0 } };
  const BATCH = 2_000;
  for (let done = 0; done < runs; done += BATCH) {
    for (const input of generateInputs(target.seeds, Math.min(BATCH, runs - done), seed + done)) {
      const start = performance.now();
      try {
        target.decode(input);
      } catch (error) {
        if (isForeign(error)) {
          report.foreign++;
          if (report.examples.length < 5) report.examples.push({ input: input.slice(0, 300), error: String(error).slice(0, 300) });
        } else {
          report.refused++;
        }
      }
      const ms = performance.now() - start;
      if (ms > report.slowest.ms) report.slowest = { ms, bytes: Buffer.byteLength(input) };
      report.tried++;
    }
  }
  return report;
}

function main(): void {
  const runs = Number(process.env.FUZZ_RUNS ?? 100_000);
  const seed = Number(process.env.FUZZ_SEED ?? 20261201);
  console.log(`Fuzzing ${FUZZ_TARGETS.length} decoders, ${runs.toLocaleString('en')} inputs each (seed ${seed}):`);
  console.log(`  ${'decoder'.padEnd(38)} ${'inputs'.padStart(9)} ${'refused'.padStart(9)} ${'foreign'.padStart(8)}  slowest`);
  let foreign = 0;
  for (const target of FUZZ_TARGETS) {
    const report = fuzz(target, runs, seed);
    foreign += report.foreign;
    const slowest = `${report.slowest.ms.toFixed(1)} ms (${(report.slowest.bytes / 1024).toFixed(1)} KiB)`;
    console.log(
      `  ${report.name.padEnd(38)} ${report.tried.toLocaleString('en').padStart(9)} ${report.refused.toLocaleString('en').padStart(9)} ${String(report.foreign).padStart(8)}  ${slowest}`,
    );
    for (const { input, error } of report.examples) console.log(`      ${error}\n        input: ${JSON.stringify(input)}`);
  }
  console.log(`fuzz: ${foreign} foreign exceptions`);
  if (foreign > 0) process.exitCode = 1;
}

if (require.main === module) main();

/**
 * `npm run bench`: every `bench:*` script of package.json (and any
 * scripts/bench-*.ts without one), one after another,
 * each one's output passed through as it runs, then one line per figure and
 * the total time. The renderer is built once first (for the benches that
 * need it, whose script starts with `npm run build:renderer && `) rather than
 * once per bench.
 *
 * Which lines are a bench's figures: the lines matching that bench's rule in
 * FIGURE_LINES below; a bench without a rule gives its last line (most end
 * with one summary line). A bench that fails shows its exit code instead.
 *
 *   npm run bench
 *   npx tsx scripts/bench-all.ts --only ingest,xml     (a subset, by the part after "bench:")
 *   npx tsx scripts/bench-all.ts --skip memory,latency
 *   npx tsx scripts/bench-all.ts --timeout-min 30        (each bench's limit; default 15 minutes)
 *   npx tsx scripts/bench-all.ts --list                  (what it would run, and how)
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUILD_PREFIX = 'npm run build:renderer && ';

/** The order of issue #17's list; a bench:* script not named here runs after these, by name. */
const ORDER = [
  'ingest',
  'portasip',
  'innovaphone',
  'telia',
  'xml',
  'xml-density',
  'directory',
  'journal',
  'flood',
  'reconnect',
  'memory',
  'renderer',
  'latency',
];

/**
 * The lines that hold a bench's figures, for the benches that do not end with
 * one summary line (xml-density, directory, flood and memory do: their last line):
 * - ingest, portasip, innovaphone, telia: the per-size lines with a ratio ("… ratio 4.79× …"), portasip's per-patch
 *   costs ("… µs/patch") and renderer line, innovaphone's grid time and renderer line ("1. …", "3. …");
 * - xml: the grid parse times ("… 429 ms · … 2872 ms"), the event rate ("events/s") and its "Decision:";
 * - journal: each "label: figure" line with a time;
 * - reconnect, latency: their "p50 … p99 …" line(s);
 * - renderer: each summary line ("… · target …").
 */
const FIGURE_LINES: Record<string, RegExp> = {
  ingest: /ratio \d/,
  portasip: /ratio \d|µs\/patch|^renderer/,
  innovaphone: /ratio \d|^[13]\. /,
  telia: /ratio \d/,
  xml: /ms ·|events\/s|^Decision/,
  journal: /\d ?(ms|µs)\b/,
  reconnect: /^\s+p50 /,
  latency: /^\s+p50 /,
  renderer: /· target /,
};

interface Outcome {
  name: string;
  code: number | null;
  timedOut?: boolean;
  seconds: number;
  figures: string[];
}

/**
 * The bench:* scripts of package.json, plus every scripts/bench-*.ts none of them runs (e.g. bench-journal.ts,
 * which has no script of its own), run with tsx under the part of its name after "bench-".
 */
function benchScripts(only: string[] | undefined, skip: string[]): { name: string; command: string }[] {
  const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const scripts = new Map(
    Object.entries(pkg.scripts)
      .filter(([key]) => key.startsWith('bench:'))
      .map(([key, command]) => [key.slice('bench:'.length), command]),
  );
  const referenced = [...scripts.values()].join(' ');
  const benchFiles = readdirSync(path.join(REPO_ROOT, 'scripts')).filter((file) => /^bench-.+\.ts$/.test(file) && file !== 'bench-all.ts');
  // A part of another bench (its data, its per-engine child: bench-directory-data.ts, bench-directory-engine.ts) is not a bench.
  const sources = new Map(benchFiles.map((file) => [file, readFileSync(path.join(REPO_ROOT, 'scripts', file), 'utf8')]));
  const partOfAnother = (file: string) =>
    [...sources].some(([other, text]) => other !== file && text.includes(`./${file.replace(/\.ts$/, '')}`));
  for (const file of benchFiles) {
    const name = /^bench-(.+)\.ts$/.exec(file)?.[1];
    if (!name || referenced.includes(`scripts/${file}`) || scripts.has(name) || partOfAnother(file)) continue;
    scripts.set(name, `tsx scripts/${file}`);
  }
  const rank = (name: string) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);
  return [...scripts.entries()]
    .filter(([name]) => (only ? only.includes(name) : true) && !skip.includes(name))
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([name, command]) => ({ name, command }));
}

/** A bench that runs longer than this is stopped (`--timeout-min N` changes it): one stuck bench must not stall the rest. */
const DEFAULT_TIMEOUT_MIN = 15;

/**
 * Runs a shell command in the repository in its own process group, its output passed through; resolves with the
 * exit code (null when it was stopped after `timeoutMs`) and its stdout.
 */
function run(command: string, timeoutMs: number): Promise<{ code: number | null; timedOut: boolean; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', command], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
    let stdout = '';
    let timedOut = false;
    const stopGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stopGroup('SIGTERM');
      setTimeout(() => stopGroup('SIGKILL'), 5000).unref();
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      process.stdout.write(chunk);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, timedOut, stdout });
    });
  });
}

export function figuresOf(name: string, stdout: string): string[] {
  const lines = stdout
    .split('\n')
    .map((line) => line.trimEnd())
    .filter(
      (line) =>
        line.trim() !== '' &&
        !line.startsWith('>') &&
        !line.includes('│ gzip') &&
        !/^✓ built in|^vite v|^transforming|^rendering chunks|^computing gzip/.test(line.trim()),
    );
  const rule = FIGURE_LINES[name];
  const picked = rule ? lines.filter((line) => rule.test(line)) : [];
  const last = lines[lines.length - 1];
  return (picked.length > 0 ? picked : last ? [last] : []).map((line) => line.trim().replace(/\s{2,}/g, ' '));
}

function listArg(flag: string): string[] | undefined {
  const at = process.argv.indexOf(flag);
  return at === -1 ? undefined : (process.argv[at + 1] ?? '').split(',').filter(Boolean);
}

async function main(): Promise<void> {
  const started = performance.now();
  const benches = benchScripts(listArg('--only'), listArg('--skip') ?? []);
  if (process.argv.includes('--list')) {
    for (const bench of benches) console.log(`bench:${bench.name}: ${bench.command}`);
    return;
  }
  const timeoutMs = Number(listArg('--timeout-min')?.[0] ?? DEFAULT_TIMEOUT_MIN) * 60_000;
  const outcomes: Outcome[] = [];
  if (benches.some((bench) => bench.command.startsWith(BUILD_PREFIX))) {
    const build = await run('npm run build:renderer', timeoutMs);
    if (build.code !== 0) outcomes.push({ name: 'build:renderer', code: build.code, seconds: 0, figures: [] });
  }
  for (const bench of benches) {
    console.log(`\n=== bench:${bench.name} ===`);
    const began = performance.now();
    const command = bench.command.startsWith(BUILD_PREFIX) ? bench.command.slice(BUILD_PREFIX.length) : bench.command;
    const { code, timedOut, stdout } = await run(command, timeoutMs);
    outcomes.push({
      name: bench.name,
      code,
      timedOut,
      seconds: (performance.now() - began) / 1000,
      figures: figuresOf(bench.name, stdout),
    });
  }

  console.log('\n=== figures ===');
  const width = Math.max(...outcomes.map((o) => o.name.length));
  for (const outcome of outcomes) {
    const label = outcome.name.padEnd(width);
    if (outcome.timedOut) console.log(`${label}  TIMED OUT: stopped after ${outcome.seconds.toFixed(0)} s`);
    else if (outcome.code !== 0) console.log(`${label}  FAILED (exit ${outcome.code}) after ${outcome.seconds.toFixed(0)} s`);
    for (const figure of outcome.figures) console.log(`${label}  ${figure}`);
  }
  const total = (performance.now() - started) / 1000;
  console.log(`total: ${outcomes.length} benches in ${Math.floor(total / 60)} min ${(total % 60).toFixed(0)} s`);
  if (outcomes.some((outcome) => outcome.code !== 0)) process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main();

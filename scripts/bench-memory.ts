/**
 * Memory at the sizes issue #17 names (printed, not asserted): `serve`'s RSS
 * and V8 heap, and the page's JS heap in Chromium, side by side with the
 * targets (RSS ≤ 200 MB, stretch 150 MB; page heap ≤ 50 MB), with
 *  - 10,000 innovaphone PBX users (9,999 colleagues in the presence grid),
 *  - 1,000 live PortaSIP calls (the sim's load mode, 200 updates a second, kept running),
 *  - 100,000 local directory contacts (contacts.json written before start;
 *    capped at the console's MAX_CONTACTS while that is lower, and said so).
 *
 * The demo PBX runs in this process and serve in a child of its own, so the
 * child's RSS is the console's alone (a `serve --demo` would count the
 * simulator too). The child is what `npm run serve` runs (the last command of
 * package.json's `serve` script: `node --enable-source-maps out/serve.cjs`,
 * the bundle built first by scripts/build-serve.ts), started with
 * `--config` instead of the demo and with scripts/memory-probe.ts loaded
 * ahead of it, which answers "how much memory now" over IPC (after a full
 * GC) and writes a heap snapshot.
 *
 * A figure over its target gets a heap snapshot summary (self size by
 * constructor, top 15) of that side, to say what holds the memory.
 *
 *   npm run bench:memory                       (builds the renderer first)
 *   npx tsx scripts/bench-memory.ts --no-page  (serve alone, no renderer build needed)
 *   npx tsx scripts/bench-memory.ts --profile  (heap summaries even when the targets are met)
 *   npx tsx scripts/bench-memory.ts --no-page --snapshot serve.heapsnapshot  (serve's heap snapshot kept, for DevTools)
 *   npx tsx scripts/bench-memory.ts --no-page --hold  (serve left running under the load after the figures, to look
 *     at it from outside: /proc/<pid>/smaps, gdb; Ctrl-C ends it; no heap snapshot then)
 *   npx tsx scripts/bench-memory.ts --no-page --users 0 --calls 0 --contacts 0   (the console alone: the baseline)
 *   npx tsx scripts/bench-memory.ts --no-page --tsx  (main/serve.ts under tsx, as the e2e tests start it: tsx's share)
 *   npx tsx scripts/bench-memory.ts --no-page --node-flag --max-semi-space-size=16  (a node or V8 flag added after
 *     serve's own, repeatable: what a setting costs or saves; this one undoes serve's cap on the young generation)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import type { CDPSession } from 'playwright-core';
import WebSocket from 'ws';
import type { StateMessage } from '../app/contract';
import { MAX_CONTACTS, type Contact } from '../app/directory/contact';
import type { ConsoleState } from '../app/model';
import { innovaphoneDemo } from '../main/connectors/innovaphone/demo';
import { portasipDemo } from '../main/connectors/portasip/demo';
import { writeConfigFile } from '../main/runtime/config-file';
import { CONTACTS_FILE } from '../main/runtime/contacts-file';
import { CONNECTORS } from '../main/runtime/vendors';
import { startDemoPbx } from '../main/sim';
import { buildServe, SERVE_ENTRY } from './build-serve';
import type { ChildMemory, ProbeRequest } from './memory-probe';

/** `--users N`, `--calls N`, `--contacts N` change a size (to see what each part of the load costs). */
function sizeArg(flag: string, fallback: number): number {
  const at = process.argv.indexOf(flag);
  const n = at === -1 ? NaN : Number(process.argv[at + 1]);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
}

/** `--snapshot FILE`: serve's heap snapshot kept there (to open in Chromium's DevTools, Memory tab). */
function pathArg(flag: string): string | undefined {
  const at = process.argv.indexOf(flag);
  const value = at === -1 ? undefined : process.argv[at + 1];
  return value ? path.resolve(value) : undefined;
}

const USERS = sizeArg('--users', 10_000);
/** The innovaphone demo office's own users; `extraUsers` adds the rest. */
const DEMO_OFFICE_USERS = 11;
const CALLS = sizeArg('--calls', 1000);
const CONTACTS_WANTED = sizeArg('--contacts', 100_000);
/** `--node-flag F` (repeatable): F added to serve's node flags, after its own. */
const EXTRA_NODE_FLAGS = process.argv.flatMap((arg, at) =>
  arg === '--node-flag' && process.argv[at + 1] ? [process.argv[at + 1] ?? ''] : [],
);
const RSS_TARGET_MB = 200;
const RSS_STRETCH_MB = 150;
const PAGE_HEAP_TARGET_MB = 50;
/** How long the load runs before memory is read: the console's state and buffers at steady state. */
const SETTLE_MS = 5000;

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const READY_LINE = /Attendant console: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/;
const MB = 1024 * 1024;

/** How the bench starts serve: node's own flags, and the file it runs. */
interface ServeCommand {
  nodeFlags: string[];
  entry: string;
  /** How the report names it. */
  label: string;
}

/**
 * What `npm run serve` runs once its builds are done: the last command of package.json's `serve` script,
 * `node <flags> <bundle>`, read from there so the bench measures the product as it is started. The bundle is built
 * here first (a second or two), so it is the source as it is now.
 */
async function npmServeCommand(): Promise<ServeCommand> {
  const manifest = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const script = manifest.scripts?.serve ?? '';
  const command = (script.split('&&').at(-1) ?? '').trim();
  const [program, ...words] = command.split(/\s+/);
  const entry = words.at(-1);
  if (program !== 'node' || !entry || entry.startsWith('-'))
    throw new Error(`bench: package.json's serve script does not end with "node [flags] <file>": ${script}`);
  await buildServe();
  return { nodeFlags: words.slice(0, -1), entry: path.resolve(REPO_ROOT, entry), label: `as \`npm run serve\` runs it (${command})` };
}

/** main/serve.ts under tsx, as the e2e tests and the other benches start it. */
const TSX_SERVE: ServeCommand = { nodeFlags: ['--import', 'tsx'], entry: SERVE_ENTRY, label: 'main/serve.ts under tsx' };

/** scripts/memory-probe.ts as plain JavaScript, for `node --require` (plain node reads no TypeScript). */
async function writeProbe(dir: string): Promise<string> {
  const source = await readFile(path.join(REPO_ROOT, 'scripts', 'memory-probe.ts'), 'utf8');
  const { code } = await transform(source, { loader: 'ts', format: 'cjs', target: 'node20', sourcefile: 'memory-probe.ts' });
  const file = path.join(dir, 'memory-probe.cjs');
  await writeFile(file, code);
  return file;
}

/** serve's share of one core over `ms` of the load, without a forced GC (what a GC setting costs shows here). */
async function cpuShareOver(child: ChildProcess, ms: number): Promise<number> {
  const before = await ask<{ cpuMs: number }>(child, { kind: 'cpu' });
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = await ask<{ cpuMs: number }>(child, { kind: 'cpu' });
  return (after.cpuMs - before.cpuMs) / (performance.now() - started);
}

function ask<T>(child: ChildProcess, request: ProbeRequest): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (answer) => resolve(answer as T));
    child.send(request);
  });
}

/**
 * RSS swings by 100 MB and more between samples (freed memory goes back to the OS late, after the big
 * snapshot and reply strings): the median of 5 samples a second apart, each after a full GC.
 */
async function steadyMemory(child: ChildProcess): Promise<ChildMemory> {
  const samples: ChildMemory[] = [];
  const started = performance.now();
  for (let i = 0; i < 5; i++) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, 1000));
    samples.push(await ask<ChildMemory>(child, { kind: 'memory' }));
  }
  const cpuShare = ((samples[4]?.cpuMs ?? 0) - (samples[0]?.cpuMs ?? 0)) / (performance.now() - started);
  const rssSamples = samples.map((sample) => sample.rss);
  const sorted = samples.sort((a, b) => a.rss - b.rss);
  const median = sorted[2] ?? sorted[0];
  if (!median) throw new Error('bench: no memory sample');
  return { ...median, rssMin: sorted[0]?.rss ?? median.rss, rssMax: sorted[sorted.length - 1]?.rss ?? median.rss, cpuShare, rssSamples };
}

function contacts(count: number): Contact[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `bench-${i}`,
    firstName: `First${i % 997}`,
    lastName: `Last${i}`,
    company: `Company ${i % 1500}`,
    department: i % 3 === 0 ? 'Sales' : 'Support',
    numbers: [{ number: `+3726${String(1_000_000 + i).padStart(7, '0')}`, type: 'work' }],
    email: `person${i}@example.com`,
  }));
}

/**
 * The state the console publishes, read as a page would (a snapshot over the bridge), and whether the last
 * contact is found (the contacts are loaded). Not `listContacts`: its 10 MB reply would itself swell serve's RSS.
 */
async function readConsole(url: string, lastContact: string | undefined): Promise<{ state: ConsoleState; contactsLoaded: boolean }> {
  const page = new URL(url);
  const bridge = `ws://${page.host}/bridge?token=${encodeURIComponent(page.searchParams.get('token') ?? '')}`;
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(bridge, { origin: page.origin });
    let state: ConsoleState | undefined;
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`bench: ${state ? 'a snapshot but no search answer' : 'no snapshot'} within 10 s`));
    }, 10_000);
    socket.on('open', () => {
      socket.send(JSON.stringify({ id: 1, method: 'subscribe' }));
      socket.send(
        JSON.stringify({ id: 2, method: 'searchDirectory', params: { text: lastContact ?? 'nobody', limit: 5, scope: 'local' } }),
      );
    });
    socket.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString('utf8')) as { id?: number; push?: string; message?: StateMessage; result?: unknown };
      if (frame.push === 'state' && frame.message?.type === 'snapshot') state = frame.message.state;
      if (frame.id === 2 && state) {
        const answer = frame.result as { entries?: { name?: string }[] } | undefined;
        clearTimeout(timer);
        socket.close();
        resolve({ state, contactsLoaded: lastContact === undefined || (answer?.entries ?? []).some((e) => e.name?.includes(lastContact)) });
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** Polls `check` until it holds; a check that fails (an answer slower than 10 s while serve loads) counts as "not yet". */
async function until(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + timeoutMs;
  let lastError: unknown;
  const holds = () =>
    check().catch((error: unknown) => {
      lastError = error;
      return false;
    });
  while (!(await holds())) {
    if (Date.now() > end)
      throw new Error(
        `bench: ${what} not reached within ${timeoutMs / 1000} s (${lastError instanceof Error ? lastError.message : 'no error'})`,
      );
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

/** Self size by constructor (objects) or by kind (strings, arrays, code …) in a V8 heap snapshot, biggest first. */
function heapSummary(snapshotJson: string, top = 15): string[] {
  const snapshot = JSON.parse(snapshotJson) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const stride = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const totals = new Map<string, { bytes: number; count: number }>();
  let all = 0;
  for (let i = 0; i < snapshot.nodes.length; i += stride) {
    const type = types[snapshot.nodes[i + typeAt] ?? 0] ?? '?';
    const bytes = snapshot.nodes[i + sizeAt] ?? 0;
    const key = type === 'object' || type === 'native' ? (snapshot.strings[snapshot.nodes[i + nameAt] ?? 0] ?? '?') : `(${type})`;
    const entry = totals.get(key) ?? { bytes: 0, count: 0 };
    entry.bytes += bytes;
    entry.count += 1;
    totals.set(key, entry);
    all += bytes;
  }
  const rows = [...totals.entries()].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, top);
  return [
    `    heap snapshot: ${(all / MB).toFixed(1)} MB in ${(snapshot.nodes.length / stride).toLocaleString('en')} objects; top holders by self size:`,
    ...rows.map(
      ([name, { bytes, count }]) =>
        `      ${(bytes / MB).toFixed(1).padStart(6)} MB ${((100 * bytes) / all).toFixed(0).padStart(3)} %  ${count.toLocaleString('en').padStart(9)} × ${name.slice(0, 80)}`,
    ),
  ];
}

async function pageHeapSnapshot(cdp: CDPSession): Promise<string> {
  const chunks: string[] = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', (event) => chunks.push(event.chunk));
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  return chunks.join('');
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
const verdict = (bytes: number, target: number, stretch?: number) =>
  bytes <= (stretch ?? target) * MB ? 'meets' : bytes <= target * MB ? `meets ≤ ${target} MB, misses stretch ≤ ${stretch} MB` : 'MISSES';

async function main(): Promise<void> {
  const withPage = !process.argv.includes('--no-page');
  const underTsx = process.argv.includes('--tsx');
  const profile = process.argv.includes('--profile');
  const keptSnapshot = pathArg('--snapshot');
  const hold = process.argv.includes('--hold');
  const started = performance.now();
  const serveCommand = underTsx ? TSX_SERVE : await npmServeCommand();
  const dir = await mkdtemp(path.join(tmpdir(), 'attendant-bench-memory-'));
  const pbx = await startDemoPbx({
    vendors: ['portasip', 'innovaphone'],
    mode: 'manual',
    innovaphone: { extraUsers: Math.max(0, USERS - DEMO_OFFICE_USERS) },
  });
  let child: ChildProcess | undefined;
  let stderr = '';
  try {
    // The demo connections set their password variables in this process's environment: the child inherits them.
    const labels = { connection: 'Bench', reception: 'Reception' };
    const config = {
      defaultCountry: 'EE',
      connections: [
        { ...portasipDemo.connection(pbx, labels), id: 'portasip', label: 'PortaSIP' },
        { ...innovaphoneDemo.connection(pbx, labels), id: 'innovaphone', label: 'innovaphone' },
      ],
    };
    const configFile = path.join(dir, 'bench-connections.json');
    await writeConfigFile(configFile, config, CONNECTORS.vendors);
    const contactCount = Math.min(CONTACTS_WANTED, MAX_CONTACTS);
    await writeFile(path.join(dir, CONTACTS_FILE), JSON.stringify({ version: 1, contacts: contacts(contactCount) }));

    const serve = fork(serveCommand.entry, ['--config', configFile, '--settings-dir', dir, '--port', '0'], {
      cwd: REPO_ROOT,
      execArgv: [...serveCommand.nodeFlags, '--require', await writeProbe(dir), '--expose-gc', ...EXTRA_NODE_FLAGS],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    child = serve;
    serve.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const url = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      serve.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        const ready = READY_LINE.exec(stdout);
        if (ready?.[1]) resolve(ready[1]);
      });
      serve.once('exit', (code) => reject(new Error(`bench: serve exited (${code}) before it was ready:\n${stderr}`)));
    });

    // The load mode's calls reach the Centrex subscribers there are: started once the console subscribed.
    await until(
      'the PortaSIP connection online',
      60_000,
      async () => (await readConsole(url, undefined)).state.connections.portasip?.state === 'online',
    );
    if (CALLS > 0) pbx.portasip?.faults.startLoad({ calls: CALLS, updatesPerSecond: 200, extensions: 250 });
    const lastContact = contactCount > 0 ? `Last${contactCount - 1}` : undefined;
    let seen = { colleagues: 0, calls: 0 };
    await until(`${USERS - 1} colleagues, ${CALLS} calls and ${contactCount} contacts`, 300_000, async () => {
      const { state, contactsLoaded } = await readConsole(url, lastContact);
      seen = { colleagues: Object.keys(state.colleagues).length, calls: Object.keys(state.calls).length };
      return seen.colleagues >= USERS - 1 && seen.calls >= CALLS && contactsLoaded;
    });
    const loadCpu = await cpuShareOver(serve, SETTLE_MS);
    const alone = await steadyMemory(serve);

    let withPageMemory: ChildMemory | undefined;
    let pageHeap: { used: number; total: number } | undefined;
    let pageSummary: string[] = [];
    if (withPage) {
      const [{ chromium }, { CHROMIUM_ARGS }] = await Promise.all([import('playwright-core'), import('../playwright.config')]);
      const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
      try {
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        await page.goto(url);
        await page.getByRole('list', { name: 'PBX connections' }).getByText('Online').first().waitFor({ timeout: 30_000 });
        // The page has its snapshot and has taken patches for a while: its steady state under load.
        await page.waitForTimeout(SETTLE_MS);
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('HeapProfiler.enable');
        await cdp.send('HeapProfiler.collectGarbage');
        const usage = await cdp.send('Runtime.getHeapUsage');
        pageHeap = { used: usage.usedSize, total: usage.totalSize };
        withPageMemory = await steadyMemory(serve);
        if (profile || pageHeap.used > PAGE_HEAP_TARGET_MB * MB) pageSummary = heapSummary(await pageHeapSnapshot(cdp));
      } finally {
        await browser.close();
      }
    }

    const worst = withPageMemory && withPageMemory.rss > alone.rss ? withPageMemory : alone;
    let serveSummary: string[] = [];
    // Not when serve is held for a look from outside: a snapshot leaves its malloc heap some 500 MB larger until trimmed.
    if (!hold && (profile || keptSnapshot || worst.rss > RSS_STRETCH_MB * MB)) {
      const where = keptSnapshot ?? path.join(dir, 'serve.heapsnapshot');
      const { file } = await ask<{ file: string }>(serve, { kind: 'snapshot', file: where });
      serveSummary = heapSummary(await readFile(file, 'utf8'));
    }

    const capped = contactCount < CONTACTS_WANTED ? ` (the console keeps at most ${MAX_CONTACTS.toLocaleString('en')})` : '';
    console.log(
      `Memory with ${seen.colleagues.toLocaleString('en')} colleagues, ${seen.calls.toLocaleString('en')} live PortaSIP calls (200 updates/s) and ${contactCount.toLocaleString('en')} local contacts${capped}, serve ${serveCommand.label}${EXTRA_NODE_FLAGS.length ? `, with ${EXTRA_NODE_FLAGS.join(' ')}` : ''}:`,
    );
    const line = (label: string, m: ChildMemory) =>
      console.log(
        `  ${label.padEnd(22)} RSS ${mb(m.rss).padStart(9)} (median of 5; ${mb(m.rssMin ?? m.rss)}–${mb(m.rssMax ?? m.rss)}) (target ≤ ${RSS_TARGET_MB} MB, stretch ≤ ${RSS_STRETCH_MB} MB: ${verdict(m.rss, RSS_TARGET_MB, RSS_STRETCH_MB)}); V8 heap used ${mb(m.heapUsed)} of ${mb(m.heapTotal)}, external ${mb(m.external)} (array buffers ${mb(m.arrayBuffers)})`,
      );
    // Where the heap's size beyond its live objects sits (a young generation grown under load, pages a load's peak left).
    const spaces = (m: ChildMemory) =>
      console.log(
        `    RSS samples in order ${(m.rssSamples ?? []).map((rss) => (rss / MB).toFixed(0)).join(', ')} MB; serve CPU ${((m.cpuShare ?? 0) * 100).toFixed(0)} % of a core while sampled (5 full GCs included); V8 spaces, taken/live: ${(
          m.spaces ?? []
        )
          .filter((space) => space.size >= MB)
          .map((space) => `${space.name.replace(/_space$/, '')} ${mb(space.size)}/${mb(space.used)}`)
          .join(', ')}`,
      );
    line('serve, no page open', alone);
    console.log(
      `    serve CPU under the load, ${SETTLE_MS / 1000} s before sampling (no forced GC): ${(loadCpu * 100).toFixed(0)} % of a core`,
    );
    if (profile) spaces(alone);
    if (withPageMemory) line('serve, the page open', withPageMemory);
    if (withPageMemory && profile) spaces(withPageMemory);
    if (serveSummary.length) console.log(['  serve (after a full GC):', ...serveSummary].join('\n'));
    if (pageHeap) {
      console.log(
        `  page JS heap           used ${mb(pageHeap.used).padStart(9)} of ${mb(pageHeap.total)} (target ≤ ${PAGE_HEAP_TARGET_MB} MB: ${verdict(pageHeap.used, PAGE_HEAP_TARGET_MB)})`,
      );
      if (pageSummary.length) console.log(['  page (after a full GC):', ...pageSummary].join('\n'));
    }
    console.log(
      `memory: serve RSS ${mb(worst.rss)} (≤ ${RSS_TARGET_MB} MB, stretch ${RSS_STRETCH_MB} MB), serve heap ${mb(worst.heapUsed)}, serve CPU under load ${(loadCpu * 100).toFixed(0)} %` +
        (pageHeap ? `, page JS heap ${mb(pageHeap.used)} (≤ ${PAGE_HEAP_TARGET_MB} MB)` : '') +
        ` [${((performance.now() - started) / 1000).toFixed(0)} s]`,
    );
    if (hold) {
      console.log(`serve (pid ${serve.pid}) keeps running under the load until Ctrl-C (no heap snapshot taken)`);
      await new Promise((resolve) => process.once('SIGINT', resolve));
    }
  } catch (error) {
    // What serve said last is usually why it did not answer.
    console.error(`serve's stderr, last lines:\n${stderr.split('\n').slice(-15).join('\n')}`);
    throw error;
  } finally {
    pbx.portasip?.faults.stopLoad();
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await pbx.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

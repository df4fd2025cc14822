/**
 * Memory at the sizes issue #17 names (printed, not asserted): `serve`'s RSS
 * and V8 heap, and the page's JS heap in Chromium, side by side with the
 * targets (RSS ≤ 200 MB, stretch 150 MB; page heap ≤ 50 MB), with
 *  - 10,000 innovaphone PBX users (9,999 colleagues in the presence grid),
 *  - 1,000 live PortaSIP calls (the sim's load mode, 200 updates a second, kept running),
 *  - 100,000 local directory contacts (contacts.json written before start;
 *    capped at the console's MAX_CONTACTS while that is lower, and said so).
 *
 * The demo PBX runs in this process and `serve --config` in a child of its
 * own, so the child's RSS is the console's alone (a `serve --demo` would
 * count the simulator too). The child is `main/serve.ts` itself, started
 * through this file so it can answer "how much memory now" over IPC (after a
 * full GC) and write a heap snapshot. It runs under tsx as the harness does;
 * tsx's own loader and source maps are a few MB the packaged app does not have.
 *
 * A figure over its target gets a heap snapshot summary (self size by
 * constructor, top 15) of that side, to say what holds the memory.
 *
 *   npm run bench:memory                       (builds the renderer first)
 *   npx tsx scripts/bench-memory.ts --no-page  (serve alone, no build needed)
 *   npx tsx scripts/bench-memory.ts --profile  (heap summaries even when the targets are met)
 *   npx tsx scripts/bench-memory.ts --no-page --users 0 --calls 0 --contacts 0   (the console alone: the baseline)
 *   npx tsx scripts/bench-memory.ts --no-page --bundled  (serve bundled and run by plain node: without tsx's share)
 *   npx tsx scripts/bench-memory.ts --no-page --semi-space 4  (serve with V8's young generation capped at 4 MB a half:
 *     under load it grows to 16 MB a half, 32 MB of RSS with nothing live in it; the flag says what a cap would save)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import type { CDPSession } from 'playwright-core';
import type { StateMessage } from '../app/contract';
import type { Contact } from '../app/directory/contact';
import type { ConsoleState } from '../app/model';

// Everything else is imported where it is used, never at the top: the serve child runs this same file, and a static import
// would load it into the console measured (playwright-core and @playwright/test alone added some 90 MB of RSS to "serve").

/** `--users N`, `--calls N`, `--contacts N` change a size (to see what each part of the load costs). */
function sizeArg(flag: string, fallback: number): number {
  const at = process.argv.indexOf(flag);
  const n = at === -1 ? NaN : Number(process.argv[at + 1]);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
}

const USERS = sizeArg('--users', 10_000);
/** The innovaphone demo office's own users; `extraUsers` adds the rest. */
const DEMO_OFFICE_USERS = 11;
const CALLS = sizeArg('--calls', 1000);
const CONTACTS_WANTED = sizeArg('--contacts', 100_000);
/** `--semi-space N`: serve's young generation capped at N MB a half (0: V8's own default). */
const SEMI_SPACE_MB = sizeArg('--semi-space', 0);
const RSS_TARGET_MB = 200;
const RSS_STRETCH_MB = 150;
const PAGE_HEAP_TARGET_MB = 50;
/** How long the load runs before memory is read: the console's state and buffers at steady state. */
const SETTLE_MS = 5000;

const SELF = fileURLToPath(import.meta.url);
const REPO_ROOT = path.resolve(path.dirname(SELF), '..');
const READY_LINE = /Attendant console: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/;
const MB = 1024 * 1024;

interface ChildMemory {
  rss: number;
  /** The smallest and largest RSS of the samples the median `rss` came from. */
  rssMin?: number;
  rssMax?: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** V8's heap spaces: what each has taken from the OS (`size`) and holds live (`used`), in bytes. */
  spaces?: { name: string; size: number; used: number }[];
  /** serve's CPU time so far (user + system), in ms; of the median: its share of one core while the samples were taken. */
  cpuMs: number;
  cpuShare?: number;
  /** Every sample's RSS in the order taken (where a swing falls). */
  rssSamples?: number[];
}

type ChildRequest = { kind: 'memory' } | { kind: 'snapshot'; file: string };

/** The child: serve, plus answers to the parent's memory questions. */
async function serveChild(): Promise<void> {
  const at = process.argv.indexOf('--serve-child');
  process.argv = [process.argv[0] ?? 'node', path.join(REPO_ROOT, 'main', 'serve.ts'), ...process.argv.slice(at + 1)];
  process.on('message', (request: ChildRequest) => {
    if (request.kind === 'memory') {
      globalThis.gc?.();
      const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
      const spaces = v8.getHeapSpaceStatistics().map((s) => ({ name: s.space_name, size: s.space_size, used: s.space_used_size }));
      const cpu = process.cpuUsage();
      process.send?.({
        rss,
        heapUsed,
        heapTotal,
        external,
        arrayBuffers,
        spaces,
        cpuMs: (cpu.user + cpu.system) / 1000,
      } satisfies ChildMemory);
    } else {
      globalThis.gc?.();
      process.send?.({ file: v8.writeHeapSnapshot(request.file) });
    }
  });
  await import('../main/serve');
}

/**
 * `--bundled`: the child as one esbuild bundle run by plain node, as the packaged app runs its main process, so the
 * difference to the default run is what tsx costs (its loader thread, on-the-fly transpiling, source maps). Packages
 * stay outside (native modules); the bundle lives under node_modules so they resolve from there.
 */
async function bundleChild(): Promise<string> {
  const { build } = await import('esbuild');
  const outfile = path.join(REPO_ROOT, 'node_modules', '.cache', 'bench-memory', 'serve-child.cjs');
  await mkdir(path.dirname(outfile), { recursive: true });
  await build({
    entryPoints: [SELF],
    outfile,
    bundle: true,
    platform: 'node',
    // CommonJS, so a package is required where it is first used (an ES module bundle would hoist every external import,
    // playwright's included, to the top and load it into serve).
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    // serve finds the built renderer from its own file: point it at main/serve.ts, one level below the root as scripts/ is.
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(path.join(REPO_ROOT, 'main', 'serve.ts')).href) },
  });
  return outfile;
}

function ask<T>(child: ChildProcess, request: ChildRequest): Promise<T> {
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
  const { default: WebSocket } = await import('ws');
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
  const bundled = process.argv.includes('--bundled');
  const profile = process.argv.includes('--profile');
  const started = performance.now();
  const [
    { MAX_CONTACTS },
    { innovaphoneDemo },
    { portasipDemo },
    { writeConfigFile },
    { CONTACTS_FILE },
    { CONNECTORS },
    { startDemoPbx },
  ] = await Promise.all([
    import('../app/directory/contact'),
    import('../main/connectors/innovaphone/demo'),
    import('../main/connectors/portasip/demo'),
    import('../main/runtime/config-file'),
    import('../main/runtime/contacts-file'),
    import('../main/runtime/vendors'),
    import('../main/sim'),
  ]);
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

    const serve = fork(
      bundled ? await bundleChild() : SELF,
      ['--serve-child', '--config', configFile, '--settings-dir', dir, '--port', '0'],
      {
        cwd: REPO_ROOT,
        execArgv: [
          ...(bundled ? [] : ['--import', 'tsx']),
          '--expose-gc',
          ...(SEMI_SPACE_MB > 0 ? [`--max-semi-space-size=${SEMI_SPACE_MB}`] : []),
        ],
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      },
    );
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
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
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
    if (profile || worst.rss > RSS_STRETCH_MB * MB) {
      const { file } = await ask<{ file: string }>(serve, { kind: 'snapshot', file: path.join(dir, 'serve.heapsnapshot') });
      serveSummary = heapSummary(await readFile(file, 'utf8'));
    }

    const capped = contactCount < CONTACTS_WANTED ? ` (the console keeps at most ${MAX_CONTACTS.toLocaleString('en')})` : '';
    console.log(
      `Memory with ${seen.colleagues.toLocaleString('en')} colleagues, ${seen.calls.toLocaleString('en')} live PortaSIP calls (200 updates/s) and ${contactCount.toLocaleString('en')} local contacts${capped}, serve ${bundled ? 'bundled, run by plain node' : 'under tsx'}${SEMI_SPACE_MB > 0 ? `, --max-semi-space-size=${SEMI_SPACE_MB}` : ''}:`,
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
      `memory: serve RSS ${mb(worst.rss)} (≤ ${RSS_TARGET_MB} MB, stretch ${RSS_STRETCH_MB} MB), serve heap ${mb(worst.heapUsed)}` +
        (pageHeap ? `, page JS heap ${mb(pageHeap.used)} (≤ ${PAGE_HEAP_TARGET_MB} MB)` : '') +
        ` [${((performance.now() - started) / 1000).toFixed(0)} s]`,
    );
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

const run = process.argv.includes('--serve-child') ? serveChild() : main();
void run.catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

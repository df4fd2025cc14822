/**
 * The e2e fixture: every test gets a fresh `serve` (demo PBX in manual mode,
 * simulator control on, any free port), the URL to open, a `sim` helper to
 * make the demo PBX act, and `readState` to see what the core publishes.
 *
 *   import { test, expect } from './harness';
 *   test('a call arrives', async ({ page, consoleUrl, sim }) => { … });
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import WebSocket from 'ws';
import type { StateMessage } from '../app/contract';
import type { ConsoleState } from '../app/model';
import { rawDataToText } from '../main/bridge/ws-session';
import { repositoryRoot } from './repository-root';

export { expect };

const REPO_ROOT = repositoryRoot(__dirname);
const READY_LINE = /^Attendant console: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m;
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

export type Sim = (action: string, args?: unknown) => Promise<unknown>;

export interface ConsoleServer {
  /** The page to open, token included. */
  url: string;
  token: string;
  sim: Sim;
  /** The state the core publishes right now (a fresh bridge subscription's snapshot). */
  readState(): Promise<ConsoleState>;
  /** Everything the server wrote on stderr so far (attached to failures). */
  stderr(): string;
  /** The folder it keeps settings and the journal in (its own throw-away one unless the test passed --settings-dir). */
  settingsDir: string;
  stop(): Promise<void>;
  /** Ends it with SIGKILL, no clean shutdown (a crash). */
  kill(): Promise<void>;
}

/** Servers still running; killed if the test worker exits without tearing them down. */
const liveServers = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of liveServers) killGroup(child, 'SIGKILL');
});

/** Starts `serve` as a child process and resolves once it prints its URL. */
export async function startConsoleServer(
  extraArgs: readonly string[] = [],
  env: Readonly<Record<string, string>> = {},
): Promise<ConsoleServer> {
  // Every serve gets its own settings folder, so no test reads or writes the user's real one.
  const given = extraArgs.findIndex((arg) => arg === '--settings-dir' || arg.startsWith('--settings-dir='));
  const ownDir = given === -1 ? mkdtempSync(path.join(tmpdir(), 'attendant-e2e-')) : undefined;
  const givenArg = given === -1 ? undefined : extraArgs[given];
  const settingsDir = ownDir ?? (givenArg?.includes('=') ? givenArg.slice(givenArg.indexOf('=') + 1) : (extraArgs[given + 1] ?? ''));
  const args = [
    '--import',
    'tsx',
    'main/serve.ts',
    '--demo',
    '--demo-mode',
    'manual',
    '--sim-control',
    '--port',
    '0',
    ...(ownDir ? ['--settings-dir', ownDir] : []),
    ...extraArgs,
  ];
  // Its own process group, so stopping it can never leave a grandchild behind.
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  liveServers.add(child);
  child.once('exit', () => {
    liveServers.delete(child);
    if (ownDir) rmSync(ownDir, { recursive: true, force: true });
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

  const url = await new Promise<string>((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      killGroup(child, 'SIGKILL');
      reject(new Error(`serve did not start: ${why}\n--- stderr ---\n${stderr}`));
    };
    const timer = setTimeout(() => fail(`no "Attendant console:" line within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    child.stdout.on('data', () => {
      const match = READY_LINE.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code, signal) => fail(`it exited (${signal ?? `code ${code}`})`));
    child.once('error', (error) => fail(error.message));
  });
  const origin = new URL(url).origin;
  const token = new URL(url).searchParams.get('token')!;

  const sim: Sim = async (action, simArgs = {}) => {
    const response = await fetch(`${origin}/__sim/${encodeURIComponent(action)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Attendant-Token': token },
      body: JSON.stringify(simArgs),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`sim ${action} failed with ${response.status}: ${text}`);
    return text ? JSON.parse(text) : null;
  };

  const readState = () => readStateOverBridge(`ws://${new URL(url).host}/bridge?token=${encodeURIComponent(token)}`, origin);

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    killGroup(child, 'SIGKILL');
    await exited;
  };

  return { url, token, sim, readState, stderr: () => stderr, settingsDir, stop, kill };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function readStateOverBridge(bridgeUrl: string, origin: string): Promise<ConsoleState> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(bridgeUrl, { origin });
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error('no state snapshot within 5 s'));
    }, 5_000);
    socket.on('open', () => socket.send(JSON.stringify({ id: 1, method: 'subscribe' })));
    socket.on('message', (data) => {
      const frame = JSON.parse(rawDataToText(data)) as { push?: string; message?: StateMessage };
      if (frame.push === 'state' && frame.message?.type === 'snapshot') {
        clearTimeout(timer);
        socket.close();
        resolve(frame.message.state);
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

export const test = base.extend<{
  serveArgs: string[];
  serveEnv: Record<string, string>;
  consoleServer: ConsoleServer;
  consoleUrl: string;
  sim: Sim;
}>({
  /** Extra `serve` flags for a spec file, e.g. `test.use({ serveArgs: ['--demo', 'innovaphone'] })`. */
  serveArgs: [[], { option: true }],
  /** Environment of `serve`, e.g. `{ LANG: 'de_DE.UTF-8' }` for a German machine (the demo names its connection and line in it). */
  serveEnv: [{}, { option: true }],
  consoleServer: async ({ serveArgs, serveEnv }, use, testInfo) => {
    const server = await startConsoleServer(serveArgs, serveEnv);
    try {
      await use(server);
    } finally {
      await server.stop();
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('serve stderr', { body: server.stderr(), contentType: 'text/plain' });
      }
    }
  },
  consoleUrl: async ({ consoleServer }, use) => use(consoleServer.url),
  sim: async ({ consoleServer }, use) => use(consoleServer.sim),
});

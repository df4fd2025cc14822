/**
 * The bootstrap every vendor's integration test shares: the demo PBX with
 * that vendor's front end (manual mode: nothing happens unless the test
 * says so), a ConsoleService over one connection to it, started and
 * connected; `until` polls the console's state; everything is stopped
 * after each test.
 */
import { afterEach } from 'vitest';
import type { Clock } from '../../app/clock';
import type { Call, ConnectionStatus, ConsoleState, Vendor } from '../../app/model';
import { waitUntil } from '../../app/testing/wait-until';
import type { ConnectionConfig } from '../../app/vendors';
import { CONNECTORS } from '../runtime/vendors';
import { ConsoleService } from '../core/console-service';
import { memoryLogger } from './memory-logger';
import { startDemoPbx, type DemoPbx, type DemoPbxOptions } from '../sim';

export type MemoryLogger = ReturnType<typeof memoryLogger>;

export interface DemoPbxConsoleOptions {
  vendor: Vendor;
  /** The calls a time-out message lists besides the connections (default: every call). */
  shownCalls?: (state: ConsoleState) => Call[];
  /** How long `until` waits by default, ms (default 10 s). */
  timeoutMs?: number;
}

export interface DemoPbxConsoleSetup {
  /** The demo PBX's front-end settings (vendors and mode are the bootstrap's). */
  pbx?: Omit<DemoPbxOptions, 'vendors' | 'mode'>;
  /** Runs on the started PBX before the console connects (e.g. colleagues stop answering on their own); awaited. */
  prepare?: (pbx: DemoPbx) => void | Promise<void>;
  /** Environment variables (the connection's passwordEnv) set before the console connects and restored by stop(). */
  env?: (pbx: DemoPbx) => Record<string, string>;
  /** The console's clock (e.g. a ManualClock, so a test drives keepalives and time-outs); the PBX keeps the system's. Default the system's. */
  clock?: Clock;
  /** The one connection under test, for the started PBX. */
  connection: (pbx: DemoPbx) => ConnectionConfig;
  /** The connection state start() waits for, or false to return once the service started. Default 'online'. */
  awaitState?: ConnectionStatus['state'] | false;
}

export interface StartedDemoPbxConsole {
  pbx: DemoPbx;
  service: ConsoleService;
  log: MemoryLogger;
}

export interface DemoPbxConsole {
  /** Starts the PBX and the console (after stopping what an earlier start() in the same test left running). */
  start: (setup: DemoPbxConsoleSetup) => Promise<StartedDemoPbxConsole>;
  /** The running PBX, service and log; reading one before start() fails the test. */
  readonly pbx: DemoPbx;
  readonly service: ConsoleService;
  readonly log: MemoryLogger;
  /** The console's state now. */
  state: () => ConsoleState;
  /** Polls until `predicate` holds; on time-out says what was awaited and what the console held. */
  until: (predicate: () => boolean, what: string, timeoutMs?: number) => Promise<void>;
  /** Stops the console, then the PBX, and restores the environment; runs after each test. */
  stop: () => Promise<void>;
}

/** Reconnect backoff, short so a test sees a reconnect within a second. */
const BACKOFF = { initialMs: 100, maxMs: 400, factor: 2 };

/** Call at the top of an integration test file: registers the afterEach that stops everything. */
export function demoPbxConsole(options: DemoPbxConsoleOptions): DemoPbxConsole {
  let running: StartedDemoPbxConsole | undefined;
  let restoreEnv: (() => void) | undefined;
  const shownCalls = options.shownCalls ?? ((state: ConsoleState) => Object.values(state.calls));

  const current = (): StartedDemoPbxConsole => {
    if (!running) throw new Error('the demo PBX console is not started: call start() first');
    return running;
  };
  const state = () => current().service.getState();
  const until = (predicate: () => boolean, what: string, timeoutMs = options.timeoutMs ?? 10_000) =>
    waitUntil(
      predicate,
      what,
      () => `connections: ${JSON.stringify(state().connections)} calls: ${JSON.stringify(shownCalls(state()))}`,
      timeoutMs,
    );

  const stop = async () => {
    const stopping = running;
    running = undefined;
    await stopping?.service.stop();
    await stopping?.pbx.stop();
    restoreEnv?.();
    restoreEnv = undefined;
  };

  const start = async (setup: DemoPbxConsoleSetup): Promise<StartedDemoPbxConsole> => {
    await stop();
    const log = memoryLogger();
    const pbx = await startDemoPbx({ ...setup.pbx, vendors: [options.vendor], mode: 'manual' });
    await setup.prepare?.(pbx);
    restoreEnv = setEnv(setup.env?.(pbx) ?? {});
    const connection = setup.connection(pbx);
    const service = new ConsoleService({
      connectors: [CONNECTORS.connectorFor(connection, 'EE')],
      log,
      backoff: BACKOFF,
      ...(setup.clock && { clock: setup.clock }),
    });
    running = { pbx, service, log };
    service.start();
    const awaited = setup.awaitState ?? 'online';
    if (awaited !== false) await until(() => state().connections[connection.id]?.state === awaited, awaited);
    return running;
  };

  afterEach(stop);

  return {
    start,
    get pbx() {
      return current().pbx;
    },
    get service() {
      return current().service;
    },
    get log() {
      return current().log;
    },
    state,
    until,
    stop,
  };
}

/** Sets the variables; returns what puts the previous values back. */
function setEnv(values: Record<string, string>): () => void {
  const previous = Object.keys(values).map((name) => [name, process.env[name]] as const);
  Object.assign(process.env, values);
  return () => {
    for (const [name, value] of previous) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

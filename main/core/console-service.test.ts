import { describe, expect, it } from 'vitest';
import type { Command, CommandResult } from '../../app/commands';
import type { StateMessage } from '../../app/contract';
import type { Call, DirectoryEntry, Line } from '../../app/model';
import { applyChanges } from '../../app/reducer';
import type { ConnectionConfig } from '../../app/vendors';
import type { Connector, ConnectorHost } from './connector';
import { ConsoleService } from './console-service';
import { memoryLogger } from '../testing/memory-logger';
import { call, line } from '../../app/testing/fixtures';
import { ManualClock } from '../../app/testing/manual-clock';
import { english } from '../../app/testing/english';
import { msg } from '../../app/i18n/message';

/** A scriptable connector: connect() succeeds or fails as told, commands are recorded. */
class ScriptedConnector implements Connector {
  readonly vendor = 'telserver' as const;
  readonly label = 'Test PBX';
  failures: string[] = [];
  /** The password the host offered at each connect. */
  passwords: (string | undefined)[] = [];
  connects = 0;
  disconnects = 0;
  executed: Command[] = [];
  directory: DirectoryEntry[] = [];
  constructor(
    readonly id: string,
    readonly host: ConnectorHost,
  ) {}
  async connect(): Promise<void> {
    this.connects++;
    const failure = this.failures.shift();
    this.passwords.push(await this.host.storedPassword?.());
    if (failure) throw new Error(failure);
    this.host.emit({ type: 'lineUpserted', line: testLine(this.id) });
    this.host.emit({ type: 'lineCallsReplaced', lineId: `${this.id}/1100`, calls: [testCall(this.id, 'c1')], at: this.host.clock.now() });
  }
  async disconnect(): Promise<void> {
    this.disconnects++;
  }
  async execute(command: Command): Promise<CommandResult> {
    this.executed.push(command);
    return { ok: true };
  }
  async searchDirectory(): Promise<DirectoryEntry[]> {
    return this.directory;
  }
}

const testLine = (connectionId: string): Line => line({ id: `${connectionId}/1100`, capabilities: ['dial'] });
const testCall = (connectionId: string, id: string): Call =>
  call({ id: `${connectionId}/1100#${id}`, remote: { number: '+3726401234' }, startedAt: 0 });

function setup(ids = ['pbx']) {
  const clock = new ManualClock();
  const connectors: ScriptedConnector[] = [];
  const service = new ConsoleService({
    clock,
    log: memoryLogger(),
    backoff: { initialMs: 1000, maxMs: 8000, factor: 2 },
    connectors: ids.map((id) => (host: ConnectorHost) => {
      const c = new ScriptedConnector(id, host);
      connectors.push(c);
      return c;
    }),
  });
  return { clock, service, connectors };
}

describe('ConsoleService', () => {
  it('connects, publishes state as a snapshot then patches that rebuild the same state', async () => {
    const { service, clock } = setup();
    const messages: StateMessage[] = [];
    service.subscribe((m) => messages.push(m));
    service.start();
    await clock.advance(0);
    expect(messages[0].type).toBe('snapshot');
    let mirror = (messages[0] as Extract<StateMessage, { type: 'snapshot' }>).state;
    for (const m of messages.slice(1)) if (m.type === 'patch') mirror = applyChanges(mirror, m.changes);
    expect(mirror).toEqual(service.getState());
    expect(service.getState().connections.pbx.state).toBe('online');
    expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i));
  });

  it('retries with growing backoff and shows offline with the reason and the retry time', async () => {
    const { service, clock, connectors } = setup();
    service.start();
    connectors[0].failures.push('Connection refused by 10.0.0.5:4000', 'Connection refused by 10.0.0.5:4000');
    // The first attempt started synchronously inside start(); it succeeded before failures were queued.
    await clock.advance(0);
    // A second later: Reconnect never starts an attempt closer than that to the last one.
    await clock.advance(1000);
    service.reconnect('pbx');
    await clock.advance(0);
    const offline = service.getState().connections.pbx;
    expect(offline.state).toBe('offline');
    expect(english(offline.detail!)).toContain('refused');
    expect(offline.retryAt! - clock.now()).toBeGreaterThanOrEqual(500);
    expect(offline.retryAt! - clock.now()).toBeLessThanOrEqual(1000);
    await clock.advance(1000);
    expect(service.getState().connections.pbx.state).toBe('offline');
    const retry = service.getState().connections.pbx;
    expect(retry.retryAt! - retry.since).toBeGreaterThanOrEqual(1000);
    await clock.advance(2000);
    expect(service.getState().connections.pbx.state).toBe('online');
    expect(connectors[0].connects).toBe(4);
  });

  it('refuses commands for unknown calls, disallowed actions, bad numbers and offline links, without reaching the connector', async () => {
    const { service, clock, connectors } = setup();
    service.start();
    await clock.advance(0);
    const callId = 'pbx/1100#c1';
    expect(await service.execute({ kind: 'hangup', callId: 'nope' })).toEqual({ ok: false, error: { key: 'command.callEnded' } });
    expect(await service.execute({ kind: 'hold', callId })).toMatchObject({
      ok: false,
      error: { key: 'command.notPossibleNow', params: { action: { key: 'action.hold' } } },
    });
    expect(await service.execute({ kind: 'divert', callId, to: 'call me maybe' })).toMatchObject({ ok: false });
    expect(await service.execute({ kind: 'dial', lineId: 'pbx/9999', to: '1103' })).toMatchObject({ ok: false });
    expect(connectors[0].executed).toEqual([]);
    expect(await service.execute({ kind: 'divert', callId, to: '+372 640 1234' })).toEqual({ ok: true });
    expect(connectors[0].executed).toEqual([{ kind: 'divert', callId, to: '+3726401234' }]);
    connectors[0].failures.push('down');
    service.reconnect('pbx');
    await clock.advance(0);
    expect(await service.execute({ kind: 'answer', callId })).toMatchObject({ ok: false, error: { key: 'command.notOnline' } });
  });

  it('handles link loss: offline, then reconnect and resync', async () => {
    const { service, clock, connectors } = setup();
    service.start();
    await clock.advance(0);
    connectors[0].host.link({ type: 'lost', reason: msg('link.pbxLinkLost') });
    expect(service.getState().connections.pbx).toMatchObject({ state: 'offline', detail: { key: 'link.pbxLinkLost' } });
    await clock.advance(1000);
    expect(service.getState().connections.pbx.state).toBe('online');
    expect(connectors[0].connects).toBe(2);
  });

  it('shows the PBX link going down and coming back', async () => {
    const { service, clock, connectors } = setup();
    service.start();
    await clock.advance(0);
    connectors[0].host.link({ type: 'pbxLink', up: false });
    expect(service.getState().connections.pbx.state).toBe('pbx-link-down');
    connectors[0].host.link({ type: 'pbxLink', up: true });
    expect(service.getState().connections.pbx.state).toBe('online');
  });

  it('merges and de-duplicates directory results across connections', async () => {
    const { service, clock, connectors } = setup(['a', 'b']);
    service.start();
    await clock.advance(0);
    connectors[0].directory = [{ number: '1102', name: 'Marcel Jagger', source: 'a' }];
    connectors[1].directory = [
      { number: '1102', name: 'Marcel Jagger', source: 'b' },
      { number: '+33160127764', name: 'Martin Jagger', source: 'b' },
    ];
    const results = await service.searchDirectory({ text: 'Mar' });
    expect(results.entries.map((r) => r.name)).toEqual(['Marcel Jagger', 'Martin Jagger']);
    // A PBX's answer is peer text: what is invisible goes, as it does from every event.
    connectors[1].directory = [{ number: '+3316\u202E0127764', name: 'Mar\u202Etin\u0007 Jagger', company: 'A\r\nB', source: 'b' }];
    expect((await service.searchDirectory({ text: 'Mar' })).entries).toContainEqual(
      expect.objectContaining({ number: '+33160127764', name: 'Martin Jagger', company: 'A  B' }),
    );
    expect(await service.searchDirectory({ text: '  ' })).toEqual({ entries: [], vendorsPending: false, failures: [] });
  });

  it('rejects two connections with the same id', () => {
    expect(() => setup(['x', 'x'])).toThrow(/already exists/);
  });

  it('stops cleanly: disconnects and shows stopped', async () => {
    const { service, clock, connectors } = setup();
    service.start();
    await clock.advance(0);
    await service.stop();
    expect(connectors[0].disconnects).toBeGreaterThan(0);
    expect(service.getState().connections.pbx.state).toBe('stopped');
    expect(clock.pendingTimers).toBe(0);
  });
});

const telServerSettings = (id: string, port = 4000): ConnectionConfig => ({
  vendor: 'telserver',
  id,
  label: `PBX ${id}`,
  host: '10.0.0.5',
  port,
  lines: [{ device: '1100' }],
});

/** A service whose runtime connections are ScriptedConnectors; `failOn` makes the connector built for that port fail to connect. */
function setupRuntime(options: { failOn?: Record<number, string>; secrets?: Record<string, string> } = {}) {
  const base = setup([]);
  const built: ScriptedConnector[] = [];
  const service = new ConsoleService({
    clock: base.clock,
    log: memoryLogger(),
    backoff: { initialMs: 1000, maxMs: 8000, factor: 2 },
    connectors: [],
    secrets: { get: async (id) => options.secrets?.[id] },
    buildConnector: (connection) => (host) => {
      const c = new ScriptedConnector(connection.id, host);
      const failure = 'port' in connection && typeof connection.port === 'number' ? options.failOn?.[connection.port] : undefined;
      if (failure) c.failures.push(failure, failure, failure);
      built.push(c);
      return c;
    },
  });
  return { clock: base.clock, service, built };
}

describe('ConsoleService: connections changed at runtime', () => {
  it('adds a connection that connects, resyncs and publishes as patches; refuses a taken id', async () => {
    const { service, clock, built } = setupRuntime({ secrets: { hq: 'S3cret' } });
    const messages: StateMessage[] = [];
    service.subscribe((m) => messages.push(m));
    service.start();
    service.addConnection(telServerSettings('hq'));
    await clock.advance(0);
    expect(service.getState().connections.hq.state).toBe('online');
    expect(service.getState().lines['hq/1100']).toBeDefined();
    expect(built[0].passwords).toEqual(['S3cret']);
    let mirror = (messages[0] as Extract<StateMessage, { type: 'snapshot' }>).state;
    for (const m of messages.slice(1)) if (m.type === 'patch') mirror = applyChanges(mirror, m.changes);
    expect(mirror).toEqual(service.getState());
    expect(() => service.addConnection(telServerSettings('hq'))).toThrow(/already exists/);
  });

  it('a connection added before start() waits for start()', async () => {
    const { service, clock, built } = setupRuntime();
    service.addConnection(telServerSettings('hq'));
    await clock.advance(0);
    expect(built[0].connects).toBe(0);
    service.start();
    await clock.advance(0);
    expect(service.getState().connections.hq.state).toBe('online');
  });

  it('removes a connection: supervisor stopped, its lines and calls leave the state, late events are ignored', async () => {
    const { service, clock, built } = setupRuntime();
    service.start();
    service.addConnection(telServerSettings('hq'));
    service.addConnection(telServerSettings('branch', 4001));
    await clock.advance(0);
    expect(Object.keys(service.getState().calls)).toHaveLength(2);
    expect(await service.removeConnection('hq')).toEqual({ ok: true });
    expect(built[0].disconnects).toBeGreaterThan(0);
    const state = service.getState();
    expect(state.connections.hq).toBeUndefined();
    expect(Object.keys(state.lines)).toEqual(['branch/1100']);
    expect(Object.keys(state.calls)).toEqual(['branch/1100#c1']);
    // A connector that still reports something after removal cannot bring the connection back.
    built[0].host.emit({ type: 'lineUpserted', line: testLine('hq') });
    built[0].host.link({ type: 'lost', reason: msg('link.pbxLinkLost') });
    expect(service.getState().lines['hq/1100']).toBeUndefined();
    expect(service.getState().connections.hq).toBeUndefined();
    await clock.advance(60_000);
    expect(built[0].connects).toBe(1);
    expect(await service.removeConnection('hq')).toMatchObject({ ok: false, error: { key: 'command.connectionGone' } });
    expect(await service.execute({ kind: 'answer', callId: 'hq/1100#c1' })).toMatchObject({
      ok: false,
      error: { key: 'command.callEnded' },
    });
  });

  it('replaces a connection: the old session closes before the new one opens, and the new one resyncs', async () => {
    const { service, clock, built } = setupRuntime();
    service.start();
    service.addConnection(telServerSettings('hq'));
    await clock.advance(0);
    await service.replaceConnection({ ...telServerSettings('hq', 4100), label: 'Renamed' });
    expect(built).toHaveLength(2);
    expect(built[0].disconnects).toBeGreaterThan(0);
    await clock.advance(0);
    expect(service.getState().connections.hq.state).toBe('online');
    expect(built[1].connects).toBe(1);
    built[0].host.emit({ type: 'callEnded', callId: 'hq/1100#c1', at: 5 });
    expect(service.getState().calls['hq/1100#c1']).toBeDefined();
    await expect(service.replaceConnection(telServerSettings('nope'))).rejects.toThrow(/no connection named "nope"/);
  });

  it('tests a connection once, with the given password, never touching the live state', async () => {
    const { service, clock, built } = setupRuntime({ failOn: { 9: 'Connection refused by 10.0.0.5:9' }, secrets: { hq: 'stored' } });
    service.start();
    await clock.advance(0);
    const before = service.getState();
    expect(await service.testConnection(telServerSettings('hq'), 'typed')).toEqual({ ok: true });
    expect(built[0].passwords).toEqual(['typed']);
    expect(built[0].disconnects).toBe(1);
    expect(await service.testConnection(telServerSettings('hq'))).toEqual({ ok: true });
    expect(built[1].passwords).toEqual(['stored']);
    expect(await service.testConnection(telServerSettings('bad', 9))).toEqual({
      ok: false,
      error: { key: 'error.unexpected', params: { detail: 'Connection refused by 10.0.0.5:9' } },
    });
    expect(built[2].disconnects).toBe(1);
    // The test connector emitted its lines and calls into nothing.
    expect(service.getState()).toBe(before);
    expect(clock.pendingTimers).toBe(0);
  });

  it('refuses runtime changes when it was built without a connector builder', () => {
    const { service } = setup();
    expect(() => service.addConnection(telServerSettings('hq'))).toThrow(/cannot change its connections/);
  });
});

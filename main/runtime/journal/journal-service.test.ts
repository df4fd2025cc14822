/**
 * The core feeding the journal store: a real ConsoleService, a scripted
 * connector standing in for a PBX, and a real SQLite journal in memory.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { accepted, type Command, type CommandResult } from '../../../app/commands';
import type { Call, DirectoryEntry, JournalEntry } from '../../../app/model';
import { call, line } from '../../../app/testing/fixtures';
import { waitUntil } from '../../../app/testing/wait-until';
import type { Connector, ConnectorHost } from '../../core/connector';
import { ConsoleService } from '../../core/console-service';
import { coreHandlers } from '../../bridge/request-handler';
import { memoryLogger } from '../../testing/memory-logger';
import { JournalDb } from './journal-db';

const LINE = 'pbx/1100';

class PbxStandIn implements Connector {
  readonly id = 'pbx';
  readonly vendor = 'telserver' as const;
  readonly label = 'HQ PBX';
  readonly executed: Command[] = [];
  constructor(readonly host: ConnectorHost) {}
  async connect(): Promise<void> {
    this.host.emit({ type: 'lineUpserted', line: line({ id: LINE, connectionId: 'pbx', label: 'Reception', capabilities: ['dial'] }) });
    this.host.emit({
      type: 'lineUpserted',
      line: line({ id: 'pbx/1300', connectionId: 'pbx', label: 'Colleague', number: '1300', watched: true }),
    });
  }
  async disconnect(): Promise<void> {}
  async execute(command: Command): Promise<CommandResult> {
    this.executed.push(command);
    return accepted;
  }
  async searchDirectory(): Promise<DirectoryEntry[]> {
    return [];
  }
  upsert(value: Call): void {
    this.host.emit({ type: 'callUpserted', call: value });
  }
  end(callId: string): void {
    this.host.emit({ type: 'callEnded', callId, at: this.host.clock.now() });
  }
  history(entries: JournalEntry[]): void {
    this.host.emit({ type: 'historyMerged', entries });
  }
}

let service: ConsoleService | undefined;
let store: JournalDb | undefined;

afterEach(async () => {
  await service?.stop();
  store?.close();
});

async function setup() {
  store = new JournalDb(':memory:');
  let pbx: PbxStandIn | undefined;
  service = new ConsoleService({ connectors: [(host) => (pbx = new PbxStandIn(host))], log: memoryLogger(), journal: store });
  service.start();
  await waitUntil(() => service?.getState().connections.pbx?.state === 'online', 'online', undefined, 1000);
  if (!pbx) throw new Error('no connector');
  return { service, store, pbx };
}

const ringing = (id: string, number: string, overrides: Partial<Call> = {}) =>
  call({
    id,
    lineId: LINE,
    connectionId: 'pbx',
    remote: { number, name: 'Kalev Kask' },
    startedAt: Date.now(),
    actions: ['answer', 'transfer'],
    ...overrides,
  });

describe('the core records finished calls in the journal', () => {
  it('a missed call, with its line and connection names; a watched colleague line is not the receptionist’s journal', async () => {
    const { service, pbx } = await setup();
    pbx.upsert(ringing(`${LINE}#1`, '+3725123456'));
    pbx.upsert(ringing('pbx/1300#9', '+3725000000', { lineId: 'pbx/1300' }));
    pbx.end(`${LINE}#1`);
    pbx.end('pbx/1300#9');
    await waitUntil(() => service.queryJournal({}).total === 1, 'the journal entry', undefined, 1000);
    const [entry] = service.queryJournal({}).entries;
    expect(entry).toMatchObject({
      callId: `${LINE}#1`,
      outcome: 'missed',
      lineLabel: 'Reception',
      handledBy: 'Reception',
      connectionLabel: 'HQ PBX',
      connectionId: 'pbx',
      remote: { number: '+3725123456', name: 'Kalev Kask' },
      done: false,
    });
    expect(service.queryJournal({ filter: 'missed' }).missedOpen).toBe(1);
  });

  it('a note typed while the call runs lands on its entry; a note on a call that is gone is refused', async () => {
    const { service, pbx } = await setup();
    const live = ringing(`${LINE}#2`, '+3725123456');
    pbx.upsert({ ...live, state: 'connected', connectedAt: Date.now(), actions: ['transfer'] });
    await waitUntil(() => service.getState().calls[live.id] !== undefined, 'the call', undefined, 1000);
    expect(service.setJournalNote({ callId: live.id, note: '  wants the price list  ' })).toEqual({ ok: true });
    pbx.end(live.id);
    await waitUntil(() => service.queryJournal({}).total === 1, 'the journal entry', undefined, 1000);
    expect(service.queryJournal({}).entries[0]).toMatchObject({ note: 'wants the price list', outcome: 'answered' });
    expect(service.setJournalNote({ callId: live.id, note: 'late' })).toMatchObject({ ok: false, error: { key: 'journal.callGone' } });
  });

  it('a call the receptionist transferred says to whom', async () => {
    const { service, pbx } = await setup();
    const live = ringing(`${LINE}#3`, '+3725123456');
    pbx.upsert({ ...live, state: 'connected', connectedAt: Date.now(), actions: ['transfer'] });
    await waitUntil(() => service.getState().calls[live.id] !== undefined, 'the call', undefined, 1000);
    expect(await service.execute({ kind: 'transfer', callId: live.id, to: '1103' })).toEqual({ ok: true });
    pbx.end(live.id);
    await waitUntil(() => service.queryJournal({}).total === 1, 'the journal entry', undefined, 1000);
    expect(service.queryJournal({}).entries[0]).toMatchObject({
      outcome: 'transferred',
      handedTo: pbx.executed[0]?.kind === 'transfer' ? pbx.executed[0].to : '',
    });
  });

  it('names whom the call went to as the directory knows the number', async () => {
    const { service, pbx } = await setup();
    await service.importContacts([{ firstName: 'Mart', lastName: 'Kuusk', numbers: [{ number: '1103' }] }]);
    const live = ringing(`${LINE}#4`, '+3725123456');
    pbx.upsert({ ...live, state: 'connected', connectedAt: Date.now(), actions: ['transfer'] });
    await waitUntil(() => service.getState().calls[live.id] !== undefined, 'the call', undefined, 1000);
    expect(await service.execute({ kind: 'transfer', callId: live.id, to: '1103' })).toEqual({ ok: true });
    pbx.end(live.id);
    await waitUntil(() => service.queryJournal({}).total === 1, 'the journal entry', undefined, 1000);
    expect(service.queryJournal({}).entries[0]).toMatchObject({ outcome: 'transferred', handedTo: 'Mart Kuusk (1103)' });
  });

  it("forgets where a colleague's watched call was transferred once it ends, though it is no journal entry", async () => {
    const { service, pbx } = await setup();
    const watched = ringing('pbx/1300#9', '+3725123456', { lineId: 'pbx/1300', state: 'connected', connectedAt: Date.now() });
    pbx.upsert(watched);
    await waitUntil(() => service.getState().calls[watched.id] !== undefined, 'the call', undefined, 1000);
    expect(await service.execute({ kind: 'transfer', callId: watched.id, to: '1103' })).toEqual({ ok: true });
    const pending = () => (service as unknown as { handoffs: Map<string, unknown> }).handoffs.size;
    expect(pending()).toBe(1);
    pbx.end(watched.id);
    await waitUntil(() => service.getState().calls[watched.id] === undefined, 'the call ended', undefined, 1000);
    expect(pending()).toBe(0);
    expect(service.queryJournal({}).total).toBe(0);
  });

  it('vendor history merges once, filling in the connection; calling back marks the missed call done', async () => {
    const { service, pbx } = await setup();
    const record: JournalEntry = {
      callId: `${LINE}#cdr-77`,
      lineId: LINE,
      direction: 'incoming',
      remote: { number: '+3726654321' },
      startedAt: Date.now() - 3_600_000,
      endedAt: Date.now() - 3_590_000,
      answered: false,
      talkSeconds: 0,
      source: 'vendor',
    };
    pbx.history([record]);
    pbx.history([record]);
    await waitUntil(() => service.queryJournal({}).total === 1, 'the merged record', undefined, 1000);
    expect(service.queryJournal({}).entries[0]).toMatchObject({ source: 'vendor', connectionId: 'pbx', lineLabel: 'Reception' });
    const back = call({
      id: `${LINE}#4`,
      lineId: LINE,
      connectionId: 'pbx',
      direction: 'outgoing',
      state: 'connected',
      remote: { number: '+3726654321' },
      startedAt: Date.now(),
      connectedAt: Date.now(),
      actions: [],
    });
    pbx.upsert(back);
    pbx.end(back.id);
    await waitUntil(() => service.queryJournal({}).total === 2, 'the call back', undefined, 1000);
    expect(service.queryJournal({}).missedOpen).toBe(0);
  });

  it('the bridge handlers answer from the journal, and say so when a console keeps none', async () => {
    const { service, pbx } = await setup();
    pbx.upsert(ringing(`${LINE}#5`, '+3725123456'));
    pbx.end(`${LINE}#5`);
    await waitUntil(() => service.queryJournal({}).total === 1, 'the journal entry', undefined, 1000);
    const handlers = coreHandlers(service);
    const page = await handlers.queryJournal({ filter: 'missed' });
    expect(page.missedOpen).toBe(1);
    expect(await handlers.markJournalDone({ all: true })).toEqual({ ok: true });
    expect((await handlers.queryJournal({})).missedOpen).toBe(0);
    const exported = await handlers.exportJournal({});
    expect(exported.kind).toBe('csv');
    if (exported.kind === 'csv') expect(exported.csv).toContain('+3725123456');
    expect((await handlers.journalFigures({ since: 0 }))?.total.missed).toBe(1);

    const bare = coreHandlers({
      execute: service.execute.bind(service),
      searchDirectory: service.searchDirectory.bind(service),
      reconnect: service.reconnect.bind(service),
    });
    expect(await bare.exportJournal({})).toEqual({ kind: 'unavailable' });
    expect(await bare.setJournalNote({ entryId: 1, note: 'x' })).toMatchObject({ ok: false, error: { key: 'journal.unavailable' } });
  });
});

import { describe, expect, it } from 'vitest';
import { accepted, type Command, type CommandResult } from '../../../app/commands';
import type { StateMessage } from '../../../app/contract';
import type { Call, Colleague, DirectoryEntry } from '../../../app/model';
import { call, line } from '../../../app/testing/fixtures';
import { waitUntil } from '../../../app/testing/wait-until';
import { memoryLogger } from '../../testing/memory-logger';
import type { Connector, ConnectorHost } from '../connector';
import { ConsoleService } from '../console-service';
import { memoryContactStore } from './contact-book';

/** A connector that reports a presence grid and answers searches as scripted. */
class GridConnector implements Connector {
  readonly vendor = 'innovaphone' as const;
  search: (text: string) => Promise<DirectoryEntry[]> = async () => [];
  constructor(
    readonly id: string,
    readonly label: string,
    readonly host: ConnectorHost,
    private readonly colleagues: Colleague[],
  ) {}
  async connect(): Promise<void> {
    this.host.emit({
      type: 'lineUpserted',
      line: line({ id: `${this.id}/1100`, connectionId: this.id, number: '1100', label: 'Reception', country: 'EE' }),
    });
    this.host.emit({ type: 'colleaguesReplaced', connectionId: this.id, colleagues: this.colleagues });
  }
  async disconnect(): Promise<void> {}
  async execute(_command: Command): Promise<CommandResult> {
    return accepted;
  }
  searchDirectory(text: string): Promise<DirectoryEntry[]> {
    return this.search(text);
  }
  ring(id: string, from: string): void {
    const ringing: Call = call({ id: `${this.id}/1100#${id}`, lineId: `${this.id}/1100`, connectionId: this.id, remote: { number: from } });
    this.host.emit({ type: 'callUpserted', call: ringing });
  }
}

function colleague(connectionId: string, id: string, name: string, number: string, activity: Colleague['activity'] = 'idle'): Colleague {
  return { id: `${connectionId}/${id}`, connectionId, name, number, registered: true, activity, calls: [] };
}

async function start(grids: Record<string, Colleague[]>) {
  const connectors: GridConnector[] = [];
  const service = new ConsoleService({
    connectors: Object.entries(grids).map(([id, colleagues]) => (host: ConnectorHost) => {
      const connector = new GridConnector(id, `PBX ${id}`, host, colleagues);
      connectors.push(connector);
      return connector;
    }),
    log: memoryLogger(),
    contacts: memoryContactStore(),
    defaultCountry: () => 'EE',
    searchTimeoutMs: 200,
  });
  service.start();
  await waitUntil(() => Object.values(service.getState().connections).every((c) => c.state === 'online'), 'online', undefined, 1000);
  return { service, connectors };
}

describe('the directory', () => {
  it('finds every colleague of the presence grid, with source and presence, ranked (16 of 16 "Kask")', async () => {
    const kasks = Array.from({ length: 16 }, (_, i) =>
      colleague('hq', `k${i}`, `${['Mart', 'Kadri', 'Tõnu', 'Liis'][i % 4]} Kask ${i}`, `${1200 + i}`),
    );
    const { service } = await start({ hq: [...kasks, colleague('hq', 'p', 'Tiina Põld', '1101', 'busy')] });
    const answer = await service.searchDirectory({ text: 'kask', scope: 'local', limit: 50 });
    expect(answer.entries).toHaveLength(16);
    expect(answer.vendorsPending).toBe(true);
    const [tiina] = (await service.searchDirectory({ text: 'pold', scope: 'local' })).entries;
    expect(tiina).toMatchObject({
      name: 'Tiina Põld',
      number: '1101',
      source: 'PBX hq',
      origin: 'colleague',
      presence: { activity: 'busy' },
    });
    await service.stop();
  });

  it('shows a colleague’s new presence without re-indexing, and a renamed colleague under the new name only', async () => {
    const { service, connectors } = await start({ hq: [colleague('hq', 'm', 'Maria Lind', '1102')] });
    const hq = connectors[0];
    if (!hq) throw new Error('no connector');
    hq.host.emit({ type: 'colleagueUpserted', colleague: colleague('hq', 'm', 'Maria Lind', '1102', 'ringing') });
    expect((await service.searchDirectory({ text: 'lind ma', scope: 'local' })).entries[0]?.presence).toEqual({ activity: 'ringing' });
    hq.host.emit({ type: 'colleagueUpserted', colleague: colleague('hq', 'm', 'Maria Saar', '1102') });
    expect((await service.searchDirectory({ text: 'lind', scope: 'local' })).entries).toEqual([]);
    expect((await service.searchDirectory({ text: 'saar', scope: 'local' })).entries.map((e) => e.name)).toEqual(['Maria Saar']);
    await service.stop();
  });

  it('reports a PBX search that fails with the local results, never as no matches, and merges one that answers', async () => {
    const { service, connectors } = await start({ a: [colleague('a', 'm', 'Mart Kask', '1101')], b: [] });
    const [a, b] = connectors;
    if (!a || !b) throw new Error('no connectors');
    a.search = async () => [{ number: '1101', name: 'Mart Kask', source: 'PBX a' }];
    b.search = () => new Promise(() => {}); // never answers
    const answer = await service.searchDirectory({ text: 'kask' });
    expect(answer.entries.map((e) => [e.name, e.origin])).toEqual([['Mart Kask', 'colleague']]);
    expect(answer.failures.map((f) => [f.source, f.error.key])).toEqual([['PBX b', 'directory.vendorTimeout']]);
    b.search = async () => [{ number: '+3726009000', name: 'Kask Ehitus', source: 'PBX b' }];
    const merged = await service.searchDirectory({ text: 'kask' });
    expect(merged.entries.map((e) => [e.name, e.origin])).toEqual([
      ['Mart Kask', 'colleague'],
      ['Kask Ehitus', 'vendor'],
    ]);
    expect(merged.failures).toEqual([]);
    await service.stop();
  });

  it('names a call from a contact’s number in the same patch that shows the call; an extension only on its own connection', async () => {
    const { service, connectors } = await start({ a: [colleague('a', 'm', 'Mart Kask', '1101')], b: [] });
    const saved = await service.saveContact({
      firstName: 'Tiina',
      lastName: 'Põld',
      company: 'Põhja Logistika',
      numbers: [{ number: '5123 456' }],
    });
    expect(saved.ok).toBe(true);
    const patches: StateMessage[] = [];
    service.subscribe((message) => patches.push(message));
    const [a, b] = connectors;
    if (!a || !b) throw new Error('no connectors');
    a.ring('c1', '+372 5123456');
    a.ring('c2', '1101');
    b.ring('c3', '1101');
    await waitUntil(() => Object.keys(service.getState().calls).length === 3, 'three calls', undefined, 1000);
    const firstSeen = new Map<string, Call>();
    for (const message of patches) {
      if (message.type !== 'patch') continue;
      for (const change of message.changes) {
        if (change.op === 'set' && change.collection === 'calls' && !firstSeen.has(change.id)) firstSeen.set(change.id, change.value);
      }
    }
    expect(firstSeen.get('a/1100#c1')?.remote).toEqual({ number: '+372 5123456', name: 'Tiina Põld', company: 'Põhja Logistika' });
    expect(firstSeen.get('a/1100#c2')?.remote).toEqual({ number: '1101', name: 'Mart Kask' });
    expect(firstSeen.get('b/1100#c3')?.remote).toEqual({ number: '1101' });
    await service.stop();
  });

  it('keeps contacts: add, edit, delete; imports a batch, skipping duplicates and rows it cannot keep by index', async () => {
    const { service } = await start({ a: [] });
    const added = await service.saveContact({ firstName: 'Maria', lastName: 'Lind', numbers: [{ number: '+372 640 1234', type: 'work' }] });
    if (!added.ok) throw new Error('not saved');
    const id = added.saved.id;
    expect(added.saved.numbers).toEqual([{ number: '+3726401234', type: 'work' }]);
    const edited = await service.saveContact({ id, firstName: 'Maria', lastName: 'Lind-Saar', numbers: [{ number: '+372 640 1234' }] });
    expect(edited.ok && edited.saved.lastName).toBe('Lind-Saar');
    expect((await service.searchDirectory({ text: 'saar', scope: 'local' })).entries[0]).toMatchObject({
      origin: 'contact',
      contactId: id,
    });
    const refused = await service.saveContact({ numbers: [{ number: '+372 640 1234' }] });
    expect(refused.ok ? '' : refused.error.key).toBe('directory.contact.noName');
    const imported = await service.importContacts([
      { firstName: 'Maria', lastName: 'Lind-Saar', numbers: [{ number: '+3726401234' }] },
      { company: 'Kask Ehitus', numbers: [{ number: 'not a number' }] },
      { firstName: 'Anna', lastName: 'Saar', numbers: [{ number: '5111 1111' }] },
    ]);
    expect(imported.ok && [imported.added, imported.skipped?.map((s) => [s.index, s.reason.key])]).toEqual([
      1,
      [
        [0, 'directory.import.duplicate'],
        [1, 'directory.contact.badNumber'],
      ],
    ]);
    const deleted = await service.deleteContact(id);
    expect(deleted.ok && deleted.removed).toBe(id);
    const left = await service.listContacts();
    expect(left.ok && left.contacts.map((c) => c.firstName)).toEqual(['Anna']);
    expect((await service.searchDirectory({ text: 'lind', scope: 'local' })).entries).toEqual([]);
    await service.stop();
  });

  it('keeps a PBX’s published phonebook: found at once (editable), names callers on every connection, replaced in full, gone with its connection', async () => {
    const { service, connectors } = await start({ telia: [], hq: [] });
    const [telia, hq] = connectors;
    if (!telia || !hq) throw new Error('no connectors');
    telia.host.phonebook?.([
      { entryId: 'e1', name: 'Liis Tamm', numbers: ['+3725550001'] },
      { entryId: 'e2', name: 'Kaupo Kask', numbers: ['+3725550002', '+3726000002'] },
    ]);
    const found = (await service.searchDirectory({ text: 'tamm', scope: 'local' })).entries;
    expect(found).toEqual([
      expect.objectContaining({
        name: 'Liis Tamm',
        number: '+3725550001',
        origin: 'phonebook',
        connectionId: 'telia',
        entryId: 'e1',
        editable: true,
      }),
    ]);
    expect((await service.searchDirectory({ text: '600000', scope: 'local' })).entries.map((e) => [e.name, e.number])).toEqual([
      ['Kaupo Kask', '+3726000002'],
    ]);
    hq.ring('c1', '+372 555 0001');
    await waitUntil(() => Object.keys(service.getState().calls).length === 1, 'the call', undefined, 1000);
    expect(service.getState().calls['hq/1100#c1']?.remote.name).toBe('Liis Tamm');
    // The next read replaces the copy: Liis left, Kaupo was renamed.
    telia.host.phonebook?.([{ entryId: 'e2', name: 'Kaupo Saar', numbers: ['+3725550002'] }]);
    expect((await service.searchDirectory({ text: 'tamm', scope: 'local' })).entries).toEqual([]);
    expect((await service.searchDirectory({ text: 'kaupo', scope: 'local' })).entries.map((e) => e.name)).toEqual(['Kaupo Saar']);
    await service.removeConnection('telia');
    expect((await service.searchDirectory({ text: 'kaupo', scope: 'local' })).entries).toEqual([]);
    await service.stop();
  });

  it('cleans a phonebook name from the PBX before it names a caller: no line breaks or bidi overrides in the model', async () => {
    const { service, connectors } = await start({ telia: [], hq: [] });
    const [telia, hq] = connectors;
    if (!telia || !hq) throw new Error('no connectors');
    telia.host.phonebook?.([{ entryId: 'e1', name: 'Liis\r\nTamm\u202egpj.exe', numbers: ['+3725550001'] }]);
    expect((await service.searchDirectory({ text: 'liis', scope: 'local' })).entries.map((e) => e.name)).toEqual(['Liis  Tammgpj.exe']);
    hq.ring('c1', '+372 555 0001');
    await waitUntil(() => Object.keys(service.getState().calls).length === 1, 'the call', undefined, 1000);
    expect(service.getState().calls['hq/1100#c1']?.remote.name).toBe('Liis  Tammgpj.exe');
    await service.stop();
  });
});

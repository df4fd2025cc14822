import { describe, expect, it, vi } from 'vitest';
import type { Contact } from '../../../app/directory/contact';
import { DirectoryIndex } from '../../../app/directory/directory-index';
import type { StateChange } from '../../../app/reducer';
import { emptyConsoleState, type Colleague, type ConsoleState } from '../../../app/model';
import { line } from '../../../app/testing/fixtures';
import { Directory } from './directory';

const options = { connectionLabel: (id: string) => `PBX ${id}`, colleague: () => undefined, contactsSource: 'Contacts' };
const firsts = ['Mart', 'Maria', 'Märt', 'Kadri', 'Jüri', 'Liis', 'Tõnu'];
const lasts = ['Lind', 'Kask', 'Põld', 'Müller', 'Saar'];

function contact(i: number, variant = 0): Contact {
  return {
    id: `c${i}`,
    firstName: firsts[(i + variant) % firsts.length],
    lastName: lasts[(i * 3 + variant) % lasts.length],
    ...(i % 4 === 0 ? { company: 'Kask Ehitus AS' } : {}),
    numbers: [
      { number: `+3725${String(100_000 + i * 37 + variant).padStart(6, '0')}`, type: 'mobile' },
      ...(i % 5 === 0 ? [{ number: `${2000 + i}` }] : []),
    ],
  };
}

const QUERIES = ['lind', 'lind m', 'kask', 'k', 'mar', 'mueller', 'pold', '+372 51', '5100', '2000', 'kask ehitus', 'saar jüri'];

/** A directory of `count` contacts, its big index built. */
function indexed(count: number): Directory {
  const directory = new Directory(options);
  directory.setContacts(Array.from({ length: count }, (_, i) => contact(i)));
  directory.reindex();
  return directory;
}

describe('the directory’s index, kept up to date', () => {
  it('answers after a few edits, additions and removals exactly as one built afresh, without rebuilding the big index', () => {
    const contacts = Array.from({ length: 2000 }, (_, i) => contact(i));
    const kept = new Directory(options);
    kept.setPhonebook('hq', [
      { entryId: 'p1', name: 'Mart Lind', numbers: ['+3725100037'] },
      { entryId: 'p2', name: 'Reception', numbers: ['1100'] },
    ]);
    kept.setContacts(contacts);
    kept.reindex();

    const build = vi.spyOn(DirectoryIndex, 'build');
    const edited = contact(7, 3);
    const added = [contact(5000), contact(5001, 2)];
    kept.updateContacts([edited, ...added], ['c12', 'c40']);
    kept.setPhonebook('hq', [{ entryId: 'p1', name: 'Mart Lindmäe', numbers: ['+3725100037'] }]);
    const answers = QUERIES.map((query) => kept.search(query, 10));
    // Only the second index of the changed records was built (a few entries), never the 2,000.
    expect(build.mock.calls.every(([entries]) => entries.length <= 10)).toBe(true);
    expect(build).toHaveBeenCalled();
    build.mockRestore();

    const fresh = new Directory(options);
    fresh.setPhonebook('hq', [{ entryId: 'p1', name: 'Mart Lindmäe', numbers: ['+3725100037'] }]);
    fresh.setContacts(contacts.filter((c) => c.id !== 'c12' && c.id !== 'c40').map((c) => (c.id === 'c7' ? edited : c)));
    fresh.updateContacts(added, []);
    fresh.reindex();
    QUERIES.forEach((query, i) => expect(answers[i], query).toEqual(fresh.search(query, 10)));
    expect(answers[0]?.length).toBe(10);

    // Caller identification reads both indexes and never a retired record.
    expect(kept.identify('+3725100037', 'hq', 'EE')).toEqual({ name: 'Mart Lindmäe' });
    expect(kept.identify(edited.numbers[0]?.number ?? '', 'hq', 'EE')).toEqual(fresh.identify(edited.numbers[0]?.number ?? '', 'hq', 'EE'));
    expect(kept.identify(contact(7).numbers[0]?.number ?? '', 'hq', 'EE')).toBeUndefined();
    expect(kept.identify(contact(12).numbers[0]?.number ?? '', 'hq', 'EE')).toBeUndefined();
    // Contact c0's national number, read with the line's country.
    expect(kept.identify('5100000', 'hq', 'EE')).toEqual({ name: 'Mart Lind', company: 'Kask Ehitus AS' });
    expect(kept.identify('1100', 'hq', 'EE')).toBeUndefined();
    kept.dispose();
    fresh.dispose();
  });

  it('rebuilds once many records changed, with the same answers', () => {
    const directory = new Directory(options);
    directory.setContacts(Array.from({ length: 600 }, (_, i) => contact(i)));
    const build = vi.spyOn(DirectoryIndex, 'build');
    const before = directory.search('lind m', 10);
    expect(build.mock.calls.map(([entries]) => entries.length)).toEqual([600]);
    directory.setContacts(Array.from({ length: 600 }, (_, i) => contact(i)));
    expect(directory.search('lind m', 10)).toEqual(before);
    build.mockRestore();
    directory.dispose();
  });

  it('rebuilds the big index once things are quiet after many changes, and not after one', () => {
    vi.useFakeTimers();
    try {
      const directory = indexed(1000);
      const build = vi.spyOn(DirectoryIndex, 'build');
      directory.updateContacts([contact(3, 1)], []);
      vi.advanceTimersByTime(1000);
      expect(build).not.toHaveBeenCalled();
      for (let i = 0; i < 100; i++) {
        directory.updateContacts([contact(i, 2)], []);
        vi.advanceTimersByTime(100); // changes keep coming: no rebuild yet
      }
      expect(build).not.toHaveBeenCalled();
      vi.advanceTimersByTime(400);
      expect(build.mock.calls.map(([entries]) => entries.length)).toEqual([1000]);
      build.mockRestore();
      directory.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps more changed records beside a big index before rebuilding it: 100 new records wait beside 40,000, not beside 1,000', () => {
    vi.useFakeTimers();
    try {
      const small = indexed(1000);
      const big = indexed(40_000);
      const build = vi.spyOn(DirectoryIndex, 'build');
      const added = Array.from({ length: 100 }, (_, i) => contact(90_000 + i));
      big.updateContacts(added, []);
      vi.advanceTimersByTime(1000);
      // 40,000 records: up to 156 changed ones wait in the second index, whose answers merge with the big one's.
      expect(build).not.toHaveBeenCalled();
      expect(big.search(added[42]?.numbers[0]?.number ?? '', 1).map((entry) => entry.contactId)).toEqual([added[42]?.id]);
      expect(build.mock.calls.map(([entries]) => entries.length)).toEqual([100]);
      small.updateContacts(added, []);
      vi.advanceTimersByTime(1000);
      expect(build.mock.calls.map(([entries]) => entries.length)).toEqual([100, 1100]);
      build.mockRestore();
      small.dispose();
      big.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  it('follows lines: one a grid colleague already has is no second result, and a batch reads the grid once, not once per line', () => {
    const colleague = (connectionId: string, n: number): Colleague => ({
      id: `${connectionId}/u${n}`,
      connectionId,
      name: `Colleague ${n}`,
      number: String(2000 + n),
      registered: true,
      activity: 'idle',
      calls: [],
    });
    const colleagues = Object.fromEntries(Array.from({ length: 500 }, (_, n) => colleague('hq', n)).map((c) => [c.id, c]));
    // Counts how often the grid is enumerated (Object.values asks for its keys once per call).
    let enumerations = 0;
    const grid = new Proxy(colleagues, {
      ownKeys: (target) => {
        enumerations++;
        return Reflect.ownKeys(target);
      },
    });
    const lines = [
      line({ id: 'hq/2007', connectionId: 'hq', number: '2007', label: 'Colleague 7 desk' }),
      line({ id: 'branch/2007', connectionId: 'branch', number: '2007', label: 'Branch front desk' }),
      ...Array.from({ length: 250 }, (_, n) =>
        line({ id: `hq/9${n}`, connectionId: 'hq', number: String(9000 + n), label: `Extension ${n}` }),
      ),
    ];
    const state: ConsoleState = { ...emptyConsoleState(), colleagues: grid, lines: Object.fromEntries(lines.map((l) => [l.id, l])) };
    const changes: StateChange[] = lines.map((l) => ({ op: 'set', collection: 'lines', id: l.id, value: l }));
    const directory = new Directory(options);
    directory.applyChanges(changes, state);
    expect(enumerations).toBe(1);
    // hq's 2007 is the grid's colleague: the line adds no result of its own; the same number on another PBX does.
    expect(directory.search('colleague 7 desk', 10)).toEqual([]);
    expect(directory.search('branch front', 10).map((entry) => entry.number)).toEqual(['2007']);
    expect(directory.search('extension 249', 10).map((entry) => entry.number)).toEqual(['9249']);
    directory.dispose();
  });
});

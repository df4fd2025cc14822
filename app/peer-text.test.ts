import { describe, expect, it, vi } from 'vitest';
import type { DomainEvent } from './events';
import { call } from './testing/fixtures';
import { emptyConsoleState, type Party } from './model';
import { cleanEventPeerFields, cleanPeerFields, cleanPeerText, MAX_PEER_TEXT } from './peer-text';

describe('cleanPeerText', () => {
  it('removes what could forge a log line, truncate a string or reorder what is shown', () => {
    expect(cleanPeerText('Mari\r\nERROR forged line')).toBe('Mari  ERROR forged line');
    expect(cleanPeerText('Mari\u0000 Kask')).toBe('Mari Kask');
    expect(cleanPeerText('invoice\u202Egpj.exe')).toBe('invoicegpj.exe');
    expect(cleanPeerText('\u2066Kask\u2069 \u200Fsays\u061C\uFEFF hi\u0085')).toBe('Kask says hi');
  });

  it('keeps every visible character exactly: accents, scripts, emoji', () => {
    for (const text of ['Tiina Põld', 'Jüri Müller-Lüdenscheidt', 'Мария Иванова', 'שלום עולם', 'Ωmega 👋']) {
      expect(cleanPeerText(text)).toBe(text);
    }
  });

  it('cuts absurdly long text', () => {
    const long = cleanPeerText('x'.repeat(10_000));
    expect(long).toHaveLength(MAX_PEER_TEXT);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('cleanPeerFields', () => {
  it('cleans the names, companies, notes and shown numbers in an event and leaves ids as the PBX sent them', () => {
    const event: DomainEvent = {
      type: 'callUpserted',
      call: call({
        id: 'pbx/1\u0007',
        remote: { number: '+372\u00005123', name: 'Evil\u202Eeman', company: 'ACME\r\nInc' },
        redirectedBy: { number: '5\u202E1' },
      }),
    };
    cleanPeerFields(event);
    if (event.type !== 'callUpserted') throw new Error('type changed');
    expect(event.call.remote).toEqual({ number: '+3725123', name: 'Evileman', company: 'ACME  Inc' });
    expect(event.call.redirectedBy).toEqual({ number: '51' });
    expect(event.call.id).toBe('pbx/1\u0007');
  });

  it("cleans a colleague's group and number, a forward's destination and a connection fact's value", () => {
    const values = {
      colleague: { id: 'ip/x', number: '12\u202E34', group: 'X\u202Eevil\u0007' },
      forward: { to: '+372\u200F5123' },
      facts: [{ label: 'firmware', value: '13r1\u202E' }],
    };
    cleanPeerFields(values);
    expect(values).toEqual({
      colleague: { id: 'ip/x', number: '1234', group: 'Xevil' },
      forward: { to: '+3725123' },
      facts: [{ label: 'firmware', value: '13r1' }],
    });
  });

  it('reaches nested records and arrays (a grid of colleagues with presence notes)', () => {
    const event: DomainEvent = {
      type: 'colleaguesReplaced',
      connectionId: 'pbx',
      colleagues: [
        {
          id: 'pbx/a',
          connectionId: 'pbx',
          name: 'A\nB',
          number: '101',
          registered: true,
          activity: 'idle',
          presence: { status: 'open', note: 'back at 3\u202E' },
          calls: [],
        },
      ],
    };
    cleanPeerFields(event);
    if (event.type !== 'colleaguesReplaced') throw new Error('type changed');
    expect(event.colleagues[0]).toMatchObject({ name: 'A B', presence: { note: 'back at 3' } });
  });

  it('leaves what an object inherits alone: no own copy, no edit of the prototype', () => {
    const inherited = { name: 'Evil\u202Eeman', note: { text: 'x' } };
    const party: Record<string, unknown> = Object.create(inherited);
    party.number = '101';
    cleanPeerFields({ type: 'x', party });
    expect(Object.keys(party)).toEqual(['number']);
    expect(inherited.name).toBe('Evil\u202Eeman');
  });

  it('checks ownership only of what it acts on, not of every key (it walks every event of the ingest path)', () => {
    const event: DomainEvent = {
      type: 'callUpserted',
      call: call({ remote: { number: '+3725123', name: 'Mari', company: 'ACME' }, firstCalled: { number: '100' } }),
    };
    const hasOwn = vi.spyOn(Object, 'hasOwn');
    try {
      cleanPeerFields(event);
      // The call, its remote party, its actions and first-called party, the name, the company and two numbers: 8 (every key was 17).
      expect(hasOwn.mock.calls.length).toBeLessThanOrEqual(8);
    } finally {
      hasOwn.mockRestore();
    }
  });
});

/** A party whose name counts how often it is read: a walk over it reads the name, a skip does not. */
function countedParty(number: string, name: string): { party: Party; reads: () => number } {
  let reads = 0;
  const party: Party = { number };
  Object.defineProperty(party, 'name', {
    enumerable: true,
    get: () => {
      reads++;
      return name;
    },
  });
  return { party, reads: () => reads };
}

describe('cleanEventPeerFields', () => {
  it('does not walk again a part that is the very object the model holds for it, and cleans everything new', () => {
    const { party: remote, reads } = countedParty('+3725123', 'Mari');
    const state = emptyConsoleState();
    const stored = call({ id: 'pbx/1#1', remote, redirectedBy: { number: '200', name: 'Evil\u202Eeman' } });
    state.calls[stored.id] = stored;
    // Re-sent: a new call object, the same party object, a new (dirty) first-called party and a new party whose text
    // equals the model's — text the core itself put there (a directory's name) never passed the check, so equal text
    // proves nothing: only the same object is skipped.
    const resent = call({
      id: 'pbx/1#1',
      state: 'connected',
      remote,
      firstCalled: { number: '100', name: 'Desk\u202E1' },
      redirectedBy: { number: '200', name: 'Evil\u202Eeman' },
    });
    cleanEventPeerFields({ type: 'callUpserted', call: resent }, state);
    expect(reads()).toBe(0);
    expect(resent.firstCalled).toEqual({ number: '100', name: 'Desk1' });
    expect(resent.redirectedBy).toEqual({ number: '200', name: 'Evileman' });
  });

  it('compares each call of a resync with its stored self', () => {
    const { party: remote, reads } = countedParty('+3725123', 'Mari');
    const state = emptyConsoleState();
    const stored = call({ id: 'pbx/1#1', remote });
    state.calls[stored.id] = stored;
    const fresh = call({ id: 'pbx/1#2', remote: { number: '+3725999', name: 'New\r\nline' } });
    cleanEventPeerFields({ type: 'lineCallsReplaced', lineId: 'pbx/1', calls: [{ ...stored }, fresh], at: 0 }, state);
    expect(reads()).toBe(0);
    expect(fresh.remote.name).toBe('New  line');
  });
});

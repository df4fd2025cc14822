import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../app/events';
import { emptyConsoleState, type Colleague, type Party } from '../../../app/model';
import { call } from '../../../app/testing/fixtures';
import { identifyCallers } from './caller-id';
import { Directory } from './directory';

function directory(): Directory {
  const found = new Directory({ connectionLabel: (id) => `PBX ${id}`, colleague: () => undefined, contactsSource: 'Contacts' });
  // Connection a's own users.
  found.setPhonebook('a', [
    { entryId: 'mart', name: 'Mart Kask', numbers: ['1101'] },
    { entryId: 'kadri', name: 'Kadri Saar', numbers: ['1102'] },
  ]);
  // The receptionist's contacts: short numbers are stored without a connection.
  found.setContacts([
    { id: 'tiina', firstName: 'Tiina', lastName: 'Põld', company: 'Põhja Logistika', numbers: [{ number: '1101' }] },
    { id: 'jaak', firstName: 'Jaak', lastName: 'Rebane', numbers: [{ number: '2205' }, { number: '+3725551234' }] },
  ]);
  return found;
}

/** The caller a call from `number` on `connectionId` is shown with. */
function callerOf(number: string, connectionId: string, names = directory()): Party {
  const events: DomainEvent[] = [
    {
      type: 'callUpserted',
      call: call({ id: `${connectionId}/1100#1`, lineId: `${connectionId}/1100`, connectionId, remote: { number } }),
    },
  ];
  identifyCallers(events, emptyConsoleState(), names);
  const [event] = events;
  if (event?.type !== 'callUpserted') throw new Error('no call');
  return event.call.remote;
}

describe('caller identification from the contacts', () => {
  it('names a caller whose PBX gives only a contact’s extension on any connection, after that connection’s own users', () => {
    expect(callerOf('2205', 'a')).toEqual({ number: '2205', name: 'Jaak Rebane' });
    expect(callerOf('2205', 'b')).toEqual({ number: '2205', name: 'Jaak Rebane' });
    expect(callerOf('1101', 'b')).toEqual({ number: '1101', name: 'Tiina Põld', company: 'Põhja Logistika' });
    // Connection a's own user wins; a's other user is not b's, and names no one there.
    expect(callerOf('1101', 'a')).toEqual({ number: '1101', name: 'Mart Kask' });
    expect(callerOf('1102', 'b')).toEqual({ number: '1102' });
    expect(callerOf('+372 555 1234', 'b')).toEqual({ number: '+372 555 1234', name: 'Jaak Rebane' });
  });
});

describe('caller identification beyond the console’s own calls', () => {
  it('names a caller ringing at a colleague or waiting in a queue, as on the console’s own line', () => {
    const colleague = (id: string, kind?: 'queue'): Colleague => ({
      id,
      connectionId: 'a',
      name: id,
      number: '1200',
      registered: true,
      activity: 'ringing',
      calls: [
        { ref: 'r1', state: 'ringing', direction: 'incoming', remote: { number: '+3725551234' } },
        { ref: 'r2', state: 'connected', direction: 'incoming', remote: { number: '+3725551234', name: 'As the PBX says' } },
      ],
      ...(kind ? { kind } : {}),
    });
    const events: DomainEvent[] = [
      { type: 'colleagueUpserted', colleague: colleague('a/mart') },
      { type: 'colleaguesReplaced', connectionId: 'a', colleagues: [colleague('a/sales', 'queue'), { ...colleague('a/idle'), calls: [] }] },
    ];
    identifyCallers(events, emptyConsoleState(), directory());
    const [upserted, replaced] = events;
    if (upserted?.type !== 'colleagueUpserted' || replaced?.type !== 'colleaguesReplaced') throw new Error('events changed kind');
    expect(upserted.colleague.calls.map((c) => c.remote.name)).toEqual(['Jaak Rebane', 'As the PBX says']);
    expect(replaced.colleagues[0]?.calls.map((c) => c.remote.name)).toEqual(['Jaak Rebane', 'As the PBX says']);
    expect(replaced.colleagues[1]?.calls).toEqual([]);
  });

  it('names a call from a vendor’s own history (Telia’s call history) as it names the caller live', () => {
    const events: DomainEvent[] = [
      {
        type: 'historyMerged',
        entries: [
          {
            callId: 'a/1100#cdr-7',
            lineId: 'a/1100',
            connectionId: 'a',
            direction: 'incoming',
            remote: { number: '+3725551234' },
            startedAt: 1,
            endedAt: 2,
            answered: false,
            talkSeconds: 0,
            source: 'vendor',
          },
          {
            callId: 'a/1100#cdr-8',
            lineId: 'a/1100',
            direction: 'incoming',
            remote: { number: '1101' },
            startedAt: 3,
            endedAt: 4,
            answered: true,
            talkSeconds: 5,
            source: 'vendor',
          },
        ],
      },
    ];
    identifyCallers(events, emptyConsoleState(), directory());
    const [merged] = events;
    if (merged?.type !== 'historyMerged') throw new Error('events changed kind');
    expect(merged.entries.map((entry) => entry.remote.name)).toEqual(['Jaak Rebane', 'Tiina Põld']);
  });
});

describe('the number a caller dialled', () => {
  it('is named by the directory as the caller is: "dialled Mart Kask", not "dialled 1101"', () => {
    const events: DomainEvent[] = [
      {
        type: 'callUpserted',
        call: call({
          id: 'a/1100#1',
          lineId: 'a/1100',
          connectionId: 'a',
          remote: { number: '+3725550000' },
          firstCalled: { number: '1101' },
        }),
      },
    ];
    identifyCallers(events, emptyConsoleState(), directory());
    const [event] = events;
    if (event?.type !== 'callUpserted') throw new Error('no call');
    expect(event.call.firstCalled).toEqual({ number: '1101', name: 'Mart Kask' });
  });
});

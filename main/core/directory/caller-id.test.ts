import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../app/events';
import { emptyConsoleState, type Party } from '../../../app/model';
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

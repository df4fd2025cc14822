import { describe, expect, it } from 'vitest';
import type { Call, ConsoleState } from '../../../../app/model';
import { call, connection, consoleState, line } from '../../../../app/testing/fixtures';
import { createAttendantStore } from '../../store/store';
import type { AttendantState } from '../../store/types';
import { FakeAttendant } from '../../testing/fake-attendant';
import { selectCentrexExtensions } from './centrex-selectors';

const extension = (number: string, dial = false) =>
  line({ id: `ps/${number}`, vendor: 'portasip', number, watched: !dial, capabilities: dial ? ['dial', 'answer'] : ['answer'] });

const connected = (number: string, n: number) =>
  call({ id: `ps/${number}#${n}`, lineId: `ps/${number}`, connectionId: 'ps', state: 'connected', startedAt: n, actions: ['hold'] });

function stateWith(console: ConsoleState): AttendantState {
  return { ...createAttendantStore(new FakeAttendant()).getState(), console };
}

function withCall(state: AttendantState, changed: Call): AttendantState {
  return { ...state, console: { ...state.console, calls: { ...state.console.calls, [changed.id]: changed } } };
}

describe('the Centrex view selector', () => {
  const lines = [extension('100'), extension('9'), extension('10'), extension('1100', true)];
  const calls = [connected('9', 1), connected('9', 2), connected('10', 3)];
  const first = stateWith(consoleState({ connections: [connection({ id: 'ps', vendor: 'portasip' })], lines, calls }));

  it('puts the dialing extension first, then the others by number', () => {
    expect(selectCentrexExtensions(first).map((e) => e.line.number)).toEqual(['1100', '9', '10', '100']);
  });

  it('keeps the same list while no extension changes, though its calls do (the view does not re-render)', () => {
    const before = selectCentrexExtensions(first);
    // Extension 9 still has a call connected: still Talking, same calls.
    const held = withCall(first, { ...connected('9', 1), state: 'held' });
    expect(selectCentrexExtensions(held)).toBe(before);
  });

  it('gives a new list when an extension changes, reusing the entries of the others', () => {
    const before = selectCentrexExtensions(first);
    const held = withCall(first, { ...connected('10', 3), state: 'held' });
    const after = selectCentrexExtensions(held);
    expect(after).not.toBe(before);
    expect(after.find((e) => e.line.number === '10')?.activity).toBe('On hold');
    expect(after.find((e) => e.line.number === '9')).toBe(before.find((e) => e.line.number === '9'));
  });
});

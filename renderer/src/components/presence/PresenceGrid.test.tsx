// @vitest-environment jsdom
/**
 * Dropping a call on a colleague: the call row is the drag source, the
 * grid row the drop target, and the drop sends the same command as the
 * row's "Transfer here" / "Divert here" button.
 */
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Call, Colleague } from '../../../../app/model';
import { call, connection, consoleWith, line } from '../../../../app/testing/fixtures';
import { renderConsole } from '../../testing/render-console';
import { CALL_DRAG_TYPE } from './call-drag';

afterEach(cleanup);

/** jsdom has no DataTransfer: the part of it drag and drop uses. */
class FakeDataTransfer {
  private readonly data = new Map<string, string>();
  dropEffect = 'none';
  effectAllowed = 'all';
  get types(): string[] {
    return [...this.data.keys()];
  }
  setData(type: string, value: string): void {
    this.data.set(type, value);
  }
  getData(type: string): string {
    return this.data.get(type) ?? '';
  }
}

const colleague = (overrides: Partial<Colleague>): Colleague => ({
  id: 'ts/x',
  connectionId: 'ts',
  name: 'Maria Lind',
  number: '1102',
  registered: true,
  activity: 'idle',
  calls: [],
  ...overrides,
});

function renderWith(calls: Call[]) {
  const presenceLine = line({ capabilities: [...line().capabilities, 'presence', 'pickup'] });
  const colleagues = [
    colleague({ id: 'ts/maria', name: 'Maria Lind', number: '1102' }),
    colleague({ id: 'ts/nonumber', name: 'Lobby Display', number: '' }),
  ];
  return renderConsole(consoleWith(calls, { lines: [presenceLine], colleagues }));
}

const callRow = (name: RegExp) => within(screen.getByRole('region', { name: 'Calls' })).getByRole('listitem', { name });
const colleagueRow = (name: string) => within(screen.getByRole('list', { name: 'Colleagues' })).getByRole('listitem', { name });

/** Drags `source` onto `target` the way a browser fires the events; returns whether the target accepted it. */
function dragAndDrop(source: HTMLElement, target: HTMLElement): boolean {
  const dataTransfer = new FakeDataTransfer();
  fireEvent.dragStart(source, { dataTransfer });
  // A target accepts a drop by cancelling dragover.
  const accepted = !fireEvent.dragOver(target, { dataTransfer });
  if (accepted) fireEvent.drop(target, { dataTransfer });
  fireEvent.dragEnd(source, { dataTransfer });
  return accepted;
}

describe('dropping a call on a colleague', () => {
  it('transfers a connected call, as "Transfer here" does', () => {
    const { api } = renderWith([call({ id: 'ts/1101#7', state: 'connected', actions: ['hold', 'transfer', 'hangup'] })]);
    const row = callRow(/Anna Berg/);
    expect(row.getAttribute('draggable')).toBe('true');
    expect(dragAndDrop(row, colleagueRow('Maria Lind'))).toBe(true);
    expect(api.commands).toEqual([{ kind: 'transfer', callId: 'ts/1101#7', to: '1102' }]);
  });

  it('diverts a ringing call, as "Divert here" does', () => {
    const { api } = renderWith([call({ id: 'ts/1101#8', state: 'ringing', actions: ['answer', 'divert'] })]);
    dragAndDrop(callRow(/Anna Berg/), colleagueRow('Maria Lind'));
    expect(api.commands).toEqual([{ kind: 'divert', callId: 'ts/1101#8', to: '1102' }]);
  });

  it('puts the call id in the drag data under its own type', () => {
    renderWith([call({ state: 'connected', actions: ['transfer'] })]);
    const dataTransfer = new FakeDataTransfer();
    fireEvent.dragStart(callRow(/Anna Berg/), { dataTransfer });
    expect(dataTransfer.types).toEqual([CALL_DRAG_TYPE]);
    expect(dataTransfer.getData(CALL_DRAG_TYPE)).toBe('ts/1101#1');
  });

  it('a call that cannot be sent on is not draggable, and a colleague without a number takes no drop', () => {
    const { api } = renderWith([
      call({ id: 'ts/1101#9', state: 'dialing', direction: 'outgoing', actions: ['hangup'] }),
      call({ id: 'ts/1101#10', state: 'connected', remote: { number: '5550000', name: 'Other Caller' }, actions: ['transfer'] }),
    ]);
    expect(callRow(/Outgoing call to Anna Berg/).getAttribute('draggable')).toBe('false');
    expect(dragAndDrop(callRow(/Other Caller/), colleagueRow('Lobby Display'))).toBe(false);
    expect(api.commands).toEqual([]);
  });

  it('ignores drops that carry no call (text, files) and a call that ended mid-drag', () => {
    const { api } = renderWith([call({ id: 'ts/1101#11', state: 'connected', actions: ['transfer'] })]);
    const text = new FakeDataTransfer();
    text.setData('text/plain', 'ts/1101#11');
    expect(fireEvent.dragOver(colleagueRow('Maria Lind'), { dataTransfer: text })).toBe(true);
    fireEvent.drop(colleagueRow('Maria Lind'), { dataTransfer: text });
    const gone = new FakeDataTransfer();
    gone.setData(CALL_DRAG_TYPE, 'ts/1101#404');
    fireEvent.drop(colleagueRow('Maria Lind'), { dataTransfer: gone });
    expect(api.commands).toEqual([]);
  });

  it('highlights the colleague under a dragged call', () => {
    renderWith([call({ state: 'connected', actions: ['transfer'] })]);
    const dataTransfer = new FakeDataTransfer();
    fireEvent.dragStart(callRow(/Anna Berg/), { dataTransfer });
    const target = colleagueRow('Maria Lind');
    act(() => void fireEvent.dragOver(target, { dataTransfer }));
    expect(target.className).toContain('colleague--drop-target');
    fireEvent.dragLeave(target, { dataTransfer });
    expect(colleagueRow('Maria Lind').className).not.toContain('colleague--drop-target');
  });
});

describe('a colleague row', () => {
  function renderColleague(overrides: Partial<Colleague>) {
    const presenceLine = line({ capabilities: [...line().capabilities, 'presence', 'pickup'] });
    return renderConsole(consoleWith([], { lines: [presenceLine], colleagues: [colleague({ id: 'ts/maria', ...overrides })] }));
  }

  it('shows presence status, activity and note as the colleague set them', () => {
    renderColleague({ presence: { status: 'open', activity: 'lunch', note: 'Back at 2' } });
    expect(colleagueRow('Maria Lind').textContent).toContain('open — lunch — Back at 2');
  });

  it('shows do-not-disturb as a badge (not repeated as the activity)', () => {
    renderColleague({ presence: { status: 'closed', activity: 'dnd', note: 'Board meeting' }, dnd: true });
    const row = colleagueRow('Maria Lind');
    expect(within(row).getByText('Do not disturb').className).toContain('colleague__badge--dnd');
    expect(row.textContent).toContain('closed — Board meeting');
    expect(row.textContent).not.toContain('— dnd');
  });

  it('shows who is calling at a ringing colleague, next to Pick up', () => {
    renderColleague({
      activity: 'ringing',
      calls: [{ ref: 'ringing', state: 'ringing', direction: 'incoming', remote: { number: '+3725123456', name: 'Kalev Kask' } }],
    });
    const row = colleagueRow('Maria Lind');
    expect(within(row).getByText('Call from Kalev Kask (+3725123456)')).toBeTruthy();
    expect(within(row).getByRole('button', { name: 'Pick up' })).toBeTruthy();
  });

  it("offers no Pick up or call while the colleague's connection is not online: that ringing call is unknown", () => {
    const { api } = renderColleague({
      activity: 'ringing',
      calls: [{ ref: 'ringing', state: 'ringing', direction: 'incoming', remote: { number: '+3725123456', name: 'Kalev Kask' } }],
    });
    act(() => api.pushPatch([{ op: 'set', collection: 'connections', id: 'ts', value: connection({ state: 'connecting' }) }]));
    const row = colleagueRow('Maria Lind');
    expect(within(row).queryByRole('button', { name: 'Pick up' })).toBeNull();
    expect(within(row).getByRole<HTMLButtonElement>('button', { name: 'Maria Lind' }).disabled).toBe(true);
  });

  it('shows no caller while the PBX has not said who calls', () => {
    renderColleague({ activity: 'ringing', calls: [{ ref: 'ringing', state: 'ringing', direction: 'incoming', remote: { number: '' } }] });
    expect(colleagueRow('Maria Lind').textContent).not.toContain('Call from');
  });
});

describe('a big grid', () => {
  it('puts only the colleagues in view into the page', () => {
    const presenceLine = line({ capabilities: [...line().capabilities, 'presence'] });
    const many = Array.from({ length: 10_000 }, (_, i) => colleague({ id: `ts/c${i}`, name: `Colleague ${String(i).padStart(5, '0')}` }));
    renderConsole(consoleWith([], { lines: [presenceLine], colleagues: many }));
    const rows = within(screen.getByRole('list', { name: 'Colleagues' })).getAllByRole('listitem');
    // 800 px of 44 px rows, plus the overscan either side.
    expect(rows.length).toBeGreaterThan(15);
    expect(rows.length).toBeLessThan(40);
    expect(rows[0].getAttribute('aria-label')).toBe('Colleague 00000');
  });
});

describe('a drop while the connection left online', () => {
  it('sends nothing for a call that became unknown during the drag', () => {
    const connected = call({ state: 'connected', actions: ['hangup', 'transfer'] });
    const { api } = renderWith([connected]);
    const dataTransfer = new FakeDataTransfer();
    fireEvent.dragStart(callRow(/Anna Berg/), { dataTransfer });
    act(() => api.pushPatch([{ op: 'set', collection: 'connections', id: 'ts', value: { ...connection(), state: 'offline' } }]));
    fireEvent.dragOver(colleagueRow('Maria Lind'), { dataTransfer });
    fireEvent.drop(colleagueRow('Maria Lind'), { dataTransfer });
    expect(api.commands).toEqual([]);
  });
});

describe('a colleague of another PBX', () => {
  // Two PBXs: an extension is that PBX's own (204 on the TelServer is someone else, or no one).
  const presenceLines = [
    line({ capabilities: [...line().capabilities, 'presence', 'pickup'] }),
    line({
      id: 'ip/200',
      connectionId: 'ip',
      vendor: 'innovaphone',
      label: 'Reception 2',
      capabilities: [...line().capabilities, 'presence', 'pickup'],
    }),
  ];
  const mart: Colleague = {
    id: 'ip/mart',
    connectionId: 'ip',
    name: 'Mart Kuusk',
    number: '204',
    registered: true,
    activity: 'ringing',
    calls: [{ ref: 'r1', state: 'ringing', direction: 'incoming', remote: { number: '+3725123456' } }],
  };
  const twoPbxs = (calls: Call[] = []) =>
    consoleWith(calls, {
      connections: [connection(), connection({ id: 'ip', vendor: 'innovaphone', label: 'innovaphone' })],
      lines: presenceLines,
      colleagues: [mart],
    });
  const row = () => within(screen.getByRole('list', { name: 'Colleagues' })).getByRole('listitem', { name: 'Mart Kuusk' });

  it('is called and picked up on a line of her own PBX', async () => {
    const { api } = renderConsole(twoPbxs());
    fireEvent.click(within(row()).getByRole('button', { name: 'Mart Kuusk' }));
    fireEvent.click(within(row()).getByRole('button', { name: 'Pick up' }));
    expect(api.commands).toEqual([
      { kind: 'dial', lineId: 'ip/200', to: '204' },
      { kind: 'pickup', lineId: 'ip/200', colleagueId: 'ip/mart', ref: 'r1' },
    ]);
  });

  it('is offered no call of the other PBX to transfer to her extension', () => {
    const talking = call({ state: 'connected', actions: ['hangup', 'transfer'] });
    renderConsole(twoPbxs([talking]));
    fireEvent.click(screen.getByRole('listitem', { name: /Anna Berg/ }));
    expect(within(row()).queryByRole('button', { name: 'Transfer here' })).toBeNull();
  });
});

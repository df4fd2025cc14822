// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ACTION_LABEL, CALL_ACTIONS, type CallAction } from '../../../app/model';
import { call, connection, consoleWith, journalEntry, line, FIXTURE_NOW } from '../../../app/testing/fixtures';
import { buttonNames, callsRegion, finderField } from '../testing/queries';
import { renderConsole } from '../testing/render-console';

afterEach(cleanup);

function callRow(name: RegExp | string) {
  return screen.getByRole('listitem', { name });
}

describe('call list', () => {
  it("leaves calls on watched colleagues' lines out of the call list and the ringing banner", () => {
    const colleagueLine = line({ id: 'ps/1105', connectionId: 'ps', vendor: 'portasip', number: '1105', label: 'Jaan', watched: true });
    const state = consoleWith([
      call(),
      call({ id: 'ps/1105#x', lineId: 'ps/1105', connectionId: 'ps', remote: { number: '5559999', name: 'Colleague Caller' } }),
    ]);
    renderConsole({ ...state, lines: { ...state.lines, [colleagueLine.id]: colleagueLine } });
    const list = callsRegion();
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    expect(within(list).queryByText(/Colleague Caller/)).toBeNull();
    expect(screen.getByText(/Incoming call from Anna Berg/)).toBeTruthy();
    expect(screen.queryByText(/Incoming call from Colleague Caller/)).toBeNull();
  });

  it('shows exactly the call actions, in CALL_ACTIONS order, named by ACTION_LABEL', () => {
    // Deliberately out of order: the screen must not follow the array order.
    const actions: CallAction[] = ['transfer', 'hangup', 'hold', 'consult'];
    renderConsole(consoleWith([call({ state: 'connected', connectedAt: FIXTURE_NOW - 65_000, actions })]));

    const row = callRow(/Anna Berg/);
    expect(buttonNames(row)).toEqual(['Hang up', 'Hold', 'Transfer', 'Consult']);
    for (const action of CALL_ACTIONS) {
      const button = within(row).queryByRole('button', { name: ACTION_LABEL[action] });
      expect(Boolean(button), action).toBe(actions.includes(action));
    }
  });

  it('shows state, direction, party, line and the waiting time of a ringing call', async () => {
    // call() started ringing 5 s before FIXTURE_NOW, where the console's clock stands.
    const { advanceTime } = renderConsole(consoleWith([call()]));
    const row = callRow('Incoming call from Anna Berg (5551234), Ringing');
    const text = row.textContent ?? '';
    expect(text).toContain('Ringing');
    expect(text).toContain('Berg OÜ');
    expect(text).toContain('Reception');
    expect(text).toContain('Waiting time 0:05');
    await advanceTime(5_000);
    expect(row.textContent).toContain('Waiting time 0:10');
  });

  it('shows the queue a call came through, and names a line that has no label by its number', () => {
    const unnamed = line({ id: 'ps/1105', connectionId: 'ps', number: '1105', label: '' });
    const state = consoleWith([
      call({ id: 'ps/1105#q', lineId: 'ps/1105', connectionId: 'ps', firstCalled: { number: '77' }, queue: { id: '77', position: 2 } }),
    ]);
    renderConsole({ ...state, lines: { ...state.lines, [unnamed.id]: unnamed } });
    const row = screen.getByRole('listitem', { name: /Anna Berg/ });
    expect(row.textContent).toContain('Via queue 77, position 2');
    expect(row.textContent).toContain('Extension 1105');
  });

  it('labels withheld numbers, dialled number, redirection, consultation and conference parties', () => {
    renderConsole(
      consoleWith([
        call({
          id: 'ts/1101#2',
          remote: { number: '*****-42' },
          firstCalled: { number: '1102' },
          redirectedBy: { number: '1105', name: 'Maria' },
          cause: 'redirect',
          state: 'held-by-peer',
          actions: ['hangup'],
        }),
        call({
          id: 'ts/1101#3',
          direction: 'outgoing',
          remote: { number: '1103', name: 'Peeter' },
          state: 'ringback',
          role: 'consultation',
          redirectedBy: { number: '1104' },
          cause: 'transfer',
          conferenceParties: [{ number: '1106', name: 'Kati' }],
          actions: ['hangup'],
        }),
      ]),
    );
    // A compact row says the first thing about where the call came from; selected, it says everything.
    const withheld = callRow(/Withheld number/);
    expect(withheld.textContent).toContain('Held by other party');
    expect(withheld.textContent).toContain('Dialled 1102');
    expect(withheld.textContent).not.toContain('Diverted by Maria');
    fireEvent.click(withheld);
    expect(withheld.textContent).toContain('Diverted by Maria');
    expect(withheld.textContent).toContain('Incoming');

    const consultation = callRow('Outgoing call to Peeter (1103), Ringing out, Consultation');
    fireEvent.click(consultation);
    expect(consultation.textContent).toContain('Transferred by 1104');
    expect(consultation.textContent).toContain('Conference with Kati');
  });

  it('clicking Answer sends the answer command for that call', async () => {
    const { api } = renderConsole(consoleWith([call()]));
    fireEvent.click(within(callRow(/Anna Berg/)).getByRole('button', { name: 'Answer' }));
    await waitFor(() => expect(api.commands).toEqual([{ kind: 'answer', callId: 'ts/1101#1' }]));
  });

  it('Consult has the finder ask where to; Enter there sends the number typed', async () => {
    const { api } = renderConsole(
      consoleWith([call({ state: 'connected', connectedAt: FIXTURE_NOW, actions: ['hangup', 'hold', 'consult'] })]),
    );
    fireEvent.click(within(callRow(/Anna Berg/)).getByRole('button', { name: 'Consult' }));
    expect(api.commands).toEqual([]);
    expect(screen.getByRole('search').textContent).toContain('Consult Anna Berg to…');
    await waitFor(() => expect(document.activeElement).toBe(finderField()));

    fireEvent.change(finderField(), { target: { value: '1103' } });
    await screen.findByRole('button', { name: 'Consult 1103' });
    fireEvent.keyDown(finderField(), { key: 'Enter' });

    await waitFor(() => expect(api.commands).toEqual([{ kind: 'consult', callId: 'ts/1101#1', to: '1103' }]));
    await waitFor(() => expect(screen.getByRole('search').textContent).not.toContain('Consult Anna Berg to…'));
    expect((finderField() as HTMLInputElement).value).toBe('');
  });

  it('a destination found by name: the highlighted result', async () => {
    const { api } = renderConsole(consoleWith([call({ state: 'connected', connectedAt: FIXTURE_NOW, actions: ['hangup', 'transfer'] })]));
    api.answerSearch = () => [
      { name: 'Peeter Tamm', number: '1103', source: 'TelServer', origin: 'colleague' },
      { name: 'Peeter Sepp', number: '1104', source: 'TelServer', origin: 'colleague' },
    ];
    fireEvent.click(within(callRow(/Anna Berg/)).getByRole('button', { name: 'Transfer' }));
    fireEvent.change(finderField(), { target: { value: 'peeter' } });
    await screen.findByRole('button', { name: 'Transfer to Peeter Sepp' });
    fireEvent.keyDown(finderField(), { key: 'ArrowDown' });
    fireEvent.keyDown(finderField(), { key: 'Enter' });
    await waitFor(() => expect(api.commands).toEqual([{ kind: 'transfer', callId: 'ts/1101#1', to: '1104' }]));
  });

  it('Cancel (or Escape) ends asking for a destination without sending anything', () => {
    const { api } = renderConsole(consoleWith([call({ actions: ['divert'] })]));
    fireEvent.click(within(callRow(/Anna Berg/)).getByRole('button', { name: 'Divert' }));
    fireEvent.click(within(screen.getByRole('search')).getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('search').textContent).not.toContain('Divert Anna Berg to…');
    fireEvent.click(within(callRow(/Anna Berg/)).getByRole('button', { name: 'Divert' }));
    fireEvent.keyDown(finderField(), { key: 'Escape' });
    expect(screen.getByRole('search').textContent).not.toContain('Divert Anna Berg to…');
    expect(api.commands).toEqual([]);
  });

  it('shows a refused command as a notice that can be dismissed', async () => {
    const { api } = renderConsole(consoleWith([call()]));
    api.respond = () => ({ ok: false, error: { key: 'telserver.error.noCall' } });
    fireEvent.click(screen.getByRole('button', { name: 'Answer' }));

    const notice = await screen.findByRole('alert');
    expect(notice.textContent).toContain('No call in the right state for that.');
    fireEvent.click(within(notice).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText('The call is no longer ringing.')).toBeNull();
  });

  it('a destination that is neither a match nor a number is refused on screen, not sent', async () => {
    const { api } = renderConsole(consoleWith([call({ actions: ['transfer'] })]));
    fireEvent.click(screen.getByRole('button', { name: 'Transfer' }));
    fireEvent.change(finderField(), { target: { value: 'abc' } });
    await screen.findByText('No matches.');
    fireEvent.keyDown(finderField(), { key: 'Enter' });
    expect((await screen.findByRole('alert')).textContent).toContain('No one in the directory matches "abc".');
    expect(api.commands).toEqual([]);
  });

  it('clicking a row selects it', () => {
    renderConsole(consoleWith([call(), call({ id: 'ts/1101#2', remote: { number: '1103', name: 'Peeter' } })]));
    const row = callRow(/Peeter/);
    expect(row.getAttribute('aria-current')).toBeNull();
    fireEvent.click(row);
    expect(row.getAttribute('aria-current')).toBe('true');
    expect(callRow(/Anna Berg/).getAttribute('aria-current')).toBeNull();
  });

  it('patches update the row; an ended call leaves the list and appears in the journal', async () => {
    const ringing = call();
    const { api } = renderConsole(consoleWith([ringing], { journal: [journalEntry()] }));
    const connected = { ...ringing, state: 'connected' as const, connectedAt: FIXTURE_NOW, actions: ['hangup' as const] };

    act(() => api.pushPatch([{ op: 'set', collection: 'calls', id: ringing.id, value: connected }]));
    const row = callRow(/Anna Berg/);
    expect(row.textContent).toContain('Connected');
    expect(buttonNames(row)).toEqual(['Hang up']);

    act(() =>
      api.pushPatch([
        { op: 'delete', collection: 'calls', id: ringing.id },
        {
          op: 'journal',
          entry: journalEntry({ callId: ringing.id, remote: ringing.remote, answered: true, talkSeconds: 42, startedAt: FIXTURE_NOW }),
        },
      ]),
    );
    expect(within(callsRegion()).queryByRole('listitem')).toBeNull();

    await waitFor(() =>
      expect(
        within(screen.getByRole('list', { name: 'Journal' }))
          .getAllByRole('listitem')
          .map((item) => item.getAttribute('aria-label')),
      ).toEqual(['Incoming call from Anna Berg, Answered', 'Incoming call from Old Caller, Answered']),
    );
    const history = within(screen.getByRole('list', { name: 'Journal' })).getAllByRole('listitem');
    expect(history[0].textContent).toContain('0:42');
  });

  it('the journal marks unanswered incoming calls as Missed and calls back', async () => {
    const { api } = renderConsole(
      consoleWith([], { journal: [journalEntry({ answered: false, talkSeconds: 0, remote: { number: '5551234' } })] }),
    );
    const entry = await within(screen.getByRole('list', { name: 'Journal' })).findByRole('listitem');
    expect(entry.textContent).toContain('Missed');
    fireEvent.click(within(entry).getByRole('button', { name: 'Call back 5551234' }));
    // Read with the line's country (EE), as the core would.
    await waitFor(() => expect(api.commands).toEqual([{ kind: 'dial', lineId: 'ts/1101', to: '+3725551234' }]));
  });

  it('announces a ringing call in a live region', () => {
    renderConsole(consoleWith([call()]));
    const live = document.querySelector('[aria-live="assertive"]');
    expect(live?.textContent).toContain('Incoming call from Anna Berg on Reception');
  });

  it('puts only the rows in view into the page, however many calls there are', () => {
    // jsdom lays nothing out: give each row the height it has on screen.
    const height = vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockImplementation(function (this: HTMLElement) {
      return this.classList.contains('call') ? 60 : 0;
    });
    try {
      const many = Array.from({ length: 1_000 }, (_, i) =>
        call({ id: `ts/1101#${i}`, state: 'connected', connectedAt: FIXTURE_NOW, startedAt: FIXTURE_NOW - i, actions: ['hangup'] }),
      );
      renderConsole(consoleWith(many));
      const rows = within(callsRegion()).getAllByRole('listitem');
      // An 800 px viewport holds 14 rows of 60 px; the virtualiser adds a few either side.
      expect(rows.length).toBeGreaterThan(10);
      expect(rows.length).toBeLessThan(30);
    } finally {
      height.mockRestore();
    }
  });

  it('↑/↓/Home/End skip the rows of unknown calls (PBX offline), and neither they nor a click select one', async () => {
    const talk = { state: 'connected' as const, connectedAt: FIXTURE_NOW, actions: ['hangup', 'hold'] as CallAction[] };
    const branch = (n: number, overrides: Parameters<typeof call>[0]) =>
      call({ id: `branch/1#${n}`, remote: { number: `555000${n}`, name: `Branch caller ${n}` }, ...overrides });
    renderConsole(
      consoleWith(
        [
          call({ id: 'ts/1101#1', startedAt: FIXTURE_NOW - 40_000, remote: { number: '5557777', name: 'Tiina' }, ...talk }),
          branch(1, { startedAt: FIXTURE_NOW - 30_000, ...talk }),
          call({ id: 'ts/1101#2', startedAt: FIXTURE_NOW - 20_000, remote: { number: '1103', name: 'Peeter' }, ...talk }),
          branch(2, { startedAt: FIXTURE_NOW - 10_000, ...talk }),
          call({ id: 'ts/1101#3', startedAt: FIXTURE_NOW - 9_000 }),
          branch(3, { startedAt: FIXTURE_NOW - 1_000 }),
        ],
        {
          connections: [connection(), connection({ id: 'branch', label: 'Branch', state: 'offline' })],
          lines: [line(), line({ id: 'branch/1', label: 'Branch desk' })],
        },
      ),
    );
    const selected = () => document.querySelector('[aria-current="true"]')?.getAttribute('aria-label') ?? '';
    const pressOn = async (name: RegExp, key: string, expected: RegExp) => {
      callRow(name).focus();
      fireEvent.keyDown(callRow(name), { key });
      await waitFor(() => expect(document.activeElement).toBe(callRow(expected)));
      // Let a focus move that should not happen have its frame.
      await new Promise((resolve) => requestAnimationFrame(resolve));
      expect(document.activeElement).toBe(callRow(expected));
      expect(selected()).toMatch(expected);
    };
    await pressOn(/Tiina/, 'ArrowDown', /Peeter/);
    await pressOn(/Peeter/, 'ArrowUp', /Tiina/);
    await pressOn(/Tiina/, 'End', /Peeter/);
    await pressOn(/Peeter/, 'ArrowDown', /Peeter/);
    await pressOn(/Peeter/, 'Home', /Tiina/);
    // The waiting list: the ringing caller on the offline PBX is out of reach too.
    await pressOn(/Anna Berg/, 'ArrowDown', /Anna Berg/);
    await pressOn(/Anna Berg/, 'End', /Anna Berg/);
    fireEvent.click(callRow(/Branch caller 1/));
    callRow(/Branch caller 2/).focus();
    expect(selected()).toMatch(/Anna Berg/);
  });

  it('a failed call says why, where the PBX says so', () => {
    renderConsole(consoleWith([call({ direction: 'outgoing', state: 'failed', cause: 'busy', actions: ['hangup'] })]));
    expect(callRow(/Anna Berg/).textContent).toContain('Failed — busy');
  });
});

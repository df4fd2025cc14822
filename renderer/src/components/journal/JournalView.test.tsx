// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { call, consoleWith, FIXTURE_NOW, journalEntry } from '../../../../app/testing/fixtures';
import { renderConsole } from '../../testing/render-console';

afterEach(cleanup);

const journal = () => screen.getByRole('list', { name: 'Journal' });
const missed = (number: string, name: string, id: number) =>
  journalEntry({ id, callId: `ts/1101#m${id}`, answered: false, talkSeconds: 0, outcome: 'missed', remote: { number, name } });

describe('the journal view', () => {
  it('reads the journal from the core: the missed calls with their count, one marked done, then all', async () => {
    const { api } = renderConsole(consoleWith([]));
    api.journalEntries = [missed('+3725000001', 'Anna Berg', 1), missed('+3725000002', 'Peeter Tamm', 2), journalEntry({ id: 3 })];
    fireEvent.click(screen.getByRole('button', { name: 'All calls' }));
    await waitFor(() => expect(within(journal()).getAllByRole('listitem')).toHaveLength(3));
    expect(screen.getByText('2 missed calls to return').getAttribute('role')).toBe('status');
    expect(screen.getByRole('button', { name: /^Missed/ }).textContent).toBe('Missed2');

    fireEvent.click(screen.getByRole('button', { name: /^Missed/ }));
    await waitFor(() => expect(within(journal()).getAllByRole('listitem')).toHaveLength(2));
    expect(api.journalQueries.at(-1)).toMatchObject({ filter: 'missed' });
    fireEvent.click(screen.getByRole('button', { name: 'Mark the call from Anna Berg done' }));
    await waitFor(() => expect(within(journal()).getAllByRole('listitem')).toHaveLength(1));
    expect(api.doneRequests).toEqual([{ ids: [1] }]);
    expect(screen.getByText('1 missed call to return')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Mark all done' }));
    await waitFor(() => expect(within(journal()).queryAllByRole('listitem')).toHaveLength(0));
    expect(api.doneRequests.at(-1)).toEqual({ all: true });
    expect(screen.getByText('No call in the journal matches.')).toBeTruthy();
  });

  it('searches as typed and shows today at a glance', async () => {
    const { api } = renderConsole(consoleWith([]));
    api.journalEntries = [
      journalEntry({
        id: 1,
        startedAt: Date.now() - 1000,
        answeredAt: Date.now() - 1000 + 12_000,
        remote: { number: '+3725123456', name: 'Kalev Kask' },
      }),
      missed('+3726654321', 'Tiina Põld', 2),
    ];
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search journal' }), { target: { value: 'tiina' } });
    await waitFor(() =>
      expect(
        within(journal())
          .getAllByRole('listitem')
          .map((li) => li.getAttribute('aria-label')),
      ).toEqual(['Incoming call from Tiina Põld, Missed']),
    );
    const today = screen.getByRole('table', { name: 'Today at a glance' });
    const total = within(today).getByRole('row', { name: /All lines/ });
    expect(
      within(total)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['1', '0', '0:12', '0:12']);
  });

  it('edits a note on an entry', async () => {
    const { api } = renderConsole(consoleWith([]));
    api.journalEntries = [journalEntry({ id: 7, note: 'first' })];
    fireEvent.click(screen.getByRole('button', { name: 'All calls' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Edit the note on the call with Old Caller' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Note on the call with Old Caller' }), { target: { value: 'call back Monday' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save note' }));
    await waitFor(() => expect(within(journal()).getByRole('listitem').textContent).toContain('call back Monday'));
    expect(api.notes).toEqual([{ entryId: 7, note: 'call back Monday' }]);
  });

  it('a note typed on the call in conversation is saved for that call; Enter there is a new line, not "answer"', async () => {
    const talking = call({ state: 'connected', connectedAt: FIXTURE_NOW, actions: ['hangup'] });
    const ringing = call({ id: 'ts/1101#2', remote: { number: '+3725999999', name: 'Mari Org' }, actions: ['answer'] });
    const { api } = renderConsole(consoleWith([talking, ringing]));
    const note = screen.getByRole('textbox', { name: 'Note on the call with Anna Berg' });
    // Empty, Enter would otherwise answer the ringing call (a text field with text keeps Enter anyway).
    fireEvent.keyDown(note, { key: 'Enter' });
    fireEvent.change(note, { target: { value: 'wants a quote' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save note' }));
    await waitFor(() => expect(api.notes).toEqual([{ callId: talking.id, note: 'wants a quote' }]));
    expect(api.commands).toEqual([]);
    expect(await screen.findByText('Note saved')).toBeTruthy();
  });

  it('exports: the browser downloads the CSV the core made; the desktop says where it saved it', async () => {
    const { api } = renderConsole(consoleWith([]));
    const created = vi.fn(() => 'blob:journal');
    const revoked = vi.fn();
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: revoked });
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(clicked).toHaveBeenCalledTimes(1));
    expect(created).toHaveBeenCalledTimes(1);
    expect(api.exports).toHaveLength(1);

    api.answerExport = () => ({ kind: 'saved', path: '/home/reception/Documents/journal.csv' });
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(await screen.findByText('Journal saved to /home/reception/Documents/journal.csv')).toBeTruthy();
    expect(clicked).toHaveBeenCalledTimes(1);
    clicked.mockRestore();
  });
});

describe('the journal on a busy day', () => {
  it('"Show more" keeps showing more past 200 calls', async () => {
    const { api } = renderConsole(consoleWith([]));
    api.journalEntries = Array.from({ length: 300 }, (_, i) =>
      journalEntry({
        id: i + 1,
        callId: `ts/1101#j${i}`,
        startedAt: FIXTURE_NOW - i * 60_000,
        endedAt: FIXTURE_NOW - i * 60_000 + 30_000,
        remote: { number: `+37250${String(i).padStart(5, '0')}`, name: `Caller ${i}` },
      }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'All calls' }));
    await waitFor(() => expect(within(journal()).getAllByRole('listitem')).toHaveLength(50));
    for (const shown of [100, 150, 200]) {
      fireEvent.click(screen.getByRole('button', { name: 'Show more' }));
      await waitFor(() => expect(within(journal()).getAllByRole('listitem')).toHaveLength(shown));
    }
    // The button is still offered ("200 of 300 shown") ...
    fireEvent.click(screen.getByRole('button', { name: 'Show more' }));
    // ... so the 201st call must appear.
    await waitFor(() => expect(within(journal()).getAllByRole('listitem').length).toBeGreaterThan(200), { timeout: 1000 });
  });
});

describe('Call back from the journal with the mouse', () => {
  it('does not leave the focus on "Call back", where the next Enter dials the caller again', async () => {
    const { api } = renderConsole(
      consoleWith([], {
        journal: [
          journalEntry({
            id: 1,
            answered: false,
            talkSeconds: 0,
            outcome: 'missed',
            remote: { number: '+3725123456', name: 'Kalev Kask' },
          }),
        ],
      }),
    );
    const entry = await within(screen.getByRole('list', { name: 'Journal' })).findByRole('listitem');
    const button = within(entry).getByRole('button', { name: 'Call back Kalev Kask' });
    // A pointer press: the button takes the focus, then the click (detail 1).
    button.focus();
    fireEvent.click(button, { detail: 1 });
    await waitFor(() => expect(api.commands).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 20));
    // FocusKeeper's own rule for call controls ("a second Enter would press it again"): the focus moves to the next step.
    expect(document.activeElement).not.toBe(button);
  });
});

describe('Call back when the line the call came in on is not there', () => {
  it('dials on no other line (its extension would be someone else there) and says why', async () => {
    const { api } = renderConsole(
      consoleWith([], {
        journal: [
          journalEntry({
            id: 1,
            callId: 'ps/204#1',
            lineId: 'ps/204',
            answered: false,
            talkSeconds: 0,
            outcome: 'missed',
            remote: { number: '205', name: 'Mari Mets' },
          }),
        ],
      }),
    );
    const entry = await within(journal()).findByRole('listitem');
    fireEvent.click(within(entry).getByRole('button', { name: 'Call back Mari Mets' }));
    expect(await screen.findByText('That line is not available.')).toBeTruthy();
    expect(api.commands).toEqual([]);
  });
});

// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_KEYS } from '../../../app/keymap';
import { call, connection, consoleWith, FIXTURE_NOW, line } from '../../../app/testing/fixtures';
import { finderField } from '../testing/queries';
import { renderConsole } from '../testing/render-console';

afterEach(cleanup);

const row = (name: RegExp) => screen.getByRole('listitem', { name });
const press = (target: Element, key: string, code = key, mods: Partial<Record<'altKey' | 'shiftKey' | 'ctrlKey', boolean>> = {}) =>
  fireEvent.keyDown(target, { key, code, ...mods });

const older = call({ id: 'ts/1101#1', startedAt: FIXTURE_NOW - 9_000 });
const newer = call({ id: 'ts/1101#2', startedAt: FIXTURE_NOW - 1_000, remote: { number: '1103', name: 'Peeter' } });
const talking = call({
  id: 'ts/1101#3',
  state: 'connected',
  connectedAt: FIXTURE_NOW,
  remote: { number: '5557777', name: 'Tiina' },
  actions: ['hangup', 'hold', 'transfer', 'consult'],
});

describe('the answer key', () => {
  it('F4 answers the call ringing longest, never the selected one instead, and from a text field too', async () => {
    const { api } = renderConsole(consoleWith([newer, older]));
    fireEvent.click(row(/Peeter/));
    fireEvent.change(finderField(), { target: { value: 'mar' } });
    press(finderField(), 'F4');
    await waitFor(() => expect(api.commands).toEqual([{ kind: 'answer', callId: 'ts/1101#1' }]));
  });

  it('numpad + answers from anywhere but a text field, where it types the "+" of a number and answers nobody', async () => {
    const { api } = renderConsole(consoleWith([older, talking]));
    expect(press(finderField(), '+', 'NumpadAdd')).toBe(true); // not prevented: the field types it
    expect(press(finderField(), '+', 'NumpadAdd', { shiftKey: true })).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(api.commands).toEqual([]);
    // The main keyboard's + types too.
    expect(press(finderField(), '+', 'Equal', { shiftKey: true })).toBe(true);
    // From a call's row it is the answer key.
    row(/Tiina/).focus();
    expect(press(row(/Tiina/), '+', 'NumpadAdd')).toBe(false); // default prevented
    await waitFor(() => expect(api.commands).toEqual([{ kind: 'answer', callId: older.id }]));
    // With no one left to answer it is still the answer key there: it starts no search with '+'.
    act(() => api.pushPatch([{ op: 'delete', collection: 'calls', id: older.id }]));
    expect(press(document.body, '+', 'NumpadAdd')).toBe(false);
    expect(finderField()).toHaveProperty('value', '');
  });

  it('Enter is a focused control’s own key: it presses the focused button of another call and answers nothing', async () => {
    const { api } = renderConsole(consoleWith([older, talking]));
    const consult = within(row(/Tiina/)).getByRole('button', { name: 'Consult' });
    consult.focus();
    expect(press(consult, 'Enter')).toBe(true); // not taken: the browser turns it into the button's click
    press(document.body, 'Enter');
    expect(api.commands).toEqual([]);
  });

  it('Enter on a ringing call’s row answers that call', async () => {
    const { api } = renderConsole(consoleWith([newer, older]));
    row(/Peeter/).focus();
    press(row(/Peeter/), 'Enter');
    await waitFor(() => expect(api.commands).toEqual([{ kind: 'answer', callId: 'ts/1101#2' }]));
  });

  it('never reaches a call whose connection is not online', async () => {
    const branch = call({ id: 'branch/1#1', startedAt: FIXTURE_NOW - 60_000, remote: { number: '5550000', name: 'Branch caller' } });
    const { api } = renderConsole(
      consoleWith([branch, newer], {
        connections: [connection(), connection({ id: 'branch', label: 'Branch', state: 'offline' })],
        lines: [line(), line({ id: 'branch/1', label: 'Branch desk' })],
      }),
    );
    const unknown = row(/Branch caller/);
    expect(unknown.textContent).toContain('PBX offline — state unknown');
    expect(within(unknown).queryAllByRole('button')).toEqual([]);
    unknown.focus();
    press(unknown, 'Enter');
    press(document.body, 'F4');
    await waitFor(() => expect(api.commands).toEqual([{ kind: 'answer', callId: newer.id }]));
    expect(document.querySelector('[aria-live="assertive"]')?.textContent).not.toContain('Branch caller');
  });
});

describe('call keys', () => {
  it('F8 holds the active call, then retrieves it; F9 hangs it up', async () => {
    const connected = call({ state: 'connected', connectedAt: FIXTURE_NOW, actions: ['hangup', 'hold'] });
    const { api } = renderConsole(consoleWith([connected]));
    press(finderField(), 'F8');
    await waitFor(() => expect(api.commands).toEqual([{ kind: 'hold', callId: connected.id }]));
    act(() =>
      api.pushPatch([
        { op: 'set', collection: 'calls', id: connected.id, value: { ...connected, state: 'held', actions: ['hangup', 'retrieve'] } },
      ]),
    );
    press(document.body, 'F8');
    await waitFor(() => expect(api.commands[1]).toEqual({ kind: 'retrieve', callId: connected.id }));
    press(document.body, 'F9');
    await waitFor(() => expect(api.commands[2]).toEqual({ kind: 'hangup', callId: connected.id }));
  });

  it('F9 does not hang up a ringing call nobody selected', () => {
    const { api } = renderConsole(consoleWith([call({ actions: ['answer', 'hangup'] })]));
    press(document.body, 'F9');
    expect(api.commands).toEqual([]);
  });

  it('shows each key beside the button it would press, on that call only', () => {
    renderConsole(consoleWith([newer, older, talking]));
    const answerOlder = within(row(/Anna Berg/)).getByRole('button', { name: 'Answer' });
    expect(answerOlder.getAttribute('aria-keyshortcuts')).toBe('F4');
    expect(answerOlder.textContent).toBe('AnswerF4');
    expect(
      within(row(/Peeter/))
        .getByRole('button', { name: 'Answer' })
        .getAttribute('aria-keyshortcuts'),
    ).toBeNull();
    expect(within(row(/Tiina/)).getByRole('button', { name: 'Transfer' }).getAttribute('aria-keyshortcuts')).toBe('Alt+T');
    expect(within(row(/Tiina/)).getByRole('button', { name: 'Hang up' }).getAttribute('aria-keyshortcuts')).toBe('F9');
  });

  it('Alt+T has the finder ask where the talking call goes; with a name highlighted it transfers there at once', async () => {
    const { api } = renderConsole(consoleWith([talking]));
    api.answerSearch = () => [{ name: 'Maria Lind', number: '1105', source: 'TelServer', origin: 'colleague' }];
    press(document.body, 't', 'KeyT', { altKey: true });
    await waitFor(() => expect(document.activeElement).toBe(finderField()));
    expect(screen.getByRole('search').textContent).toContain('Transfer Tiina to…');
    press(finderField(), 'Escape');

    fireEvent.change(finderField(), { target: { value: 'lind' } });
    await screen.findByRole('button', { name: 'Transfer to Maria Lind' });
    press(finderField(), 't', 'KeyT', { altKey: true });
    await waitFor(() => expect(api.commands).toEqual([{ kind: 'transfer', callId: talking.id, to: '1105' }]));
  });

  it('in the finder, with a call being talked on, Enter transfers and Shift+Enter consults', async () => {
    const { api } = renderConsole(consoleWith([talking]));
    api.answerSearch = () => [{ name: 'Maria Lind', number: '1105', source: 'TelServer', origin: 'colleague' }];
    fireEvent.change(finderField(), { target: { value: 'lind' } });
    await screen.findByText('Enter: Transfer to Maria Lind · Shift+Enter: Consult Maria Lind');
    press(finderField(), 'Enter', 'Enter', { shiftKey: true });
    await waitFor(() => expect(api.commands).toEqual([{ kind: 'consult', callId: talking.id, to: '1105' }]));
  });

  it('with no call, Enter in the finder dials the highlighted result, or the number typed', async () => {
    const { api } = renderConsole(consoleWith());
    fireEvent.change(finderField(), { target: { value: '1103' } });
    await screen.findByRole('button', { name: 'Call 1103' });
    press(finderField(), 'Enter');
    await waitFor(() => expect(api.commands).toEqual([{ kind: 'dial', lineId: 'ts/1101', to: '1103' }]));
    await waitFor(() => expect((finderField() as HTMLInputElement).value).toBe(''));
  });
});

describe('the finder key and typing', () => {
  it('F2 focuses the finder with its text selected, so typing replaces it', () => {
    renderConsole(consoleWith());
    fireEvent.change(finderField(), { target: { value: 'old search' } });
    (finderField() as HTMLInputElement).blur();
    press(document.body, 'F2');
    expect(document.activeElement).toBe(finderField());
    const field = finderField() as HTMLInputElement;
    expect([field.selectionStart, field.selectionEnd]).toEqual([0, 'old search'.length]);
  });

  it('typing a letter while a call row has the focus starts a search', () => {
    renderConsole(consoleWith([talking]));
    row(/Tiina/).focus();
    press(row(/Tiina/), 'm', 'KeyM');
    expect(document.activeElement).toBe(finderField());
  });
});

describe('keys from Settings', () => {
  it('a changed key works and the old one no longer does', async () => {
    const { api, store } = renderConsole(consoleWith([older]));
    api.settings.preferences.keys = { ...DEFAULT_KEYS, answerNext: ['F13'] };
    await act(() => store.getState().loadSettings());
    press(document.body, 'F4');
    expect(api.commands).toEqual([]);
    press(document.body, 'F13');
    await waitFor(() => expect(api.commands).toEqual([{ kind: 'answer', callId: older.id }]));
  });

  it('lists the keys as they are set', async () => {
    renderConsole(consoleWith());
    const help = screen.getByRole('group', { name: 'Keyboard shortcuts' });
    for (const key of ['F4', 'Num +', 'F8', 'F9', 'F2', 'Alt+T', 'Alt+C', 'Alt+J']) expect(help.textContent).toContain(key);
  });
});

describe('keys never reach a call the receptionist did not mean', () => {
  const two = {
    connections: [connection(), connection({ id: 'br', label: 'Branch' })],
    lines: [line(), line({ id: 'br/200', connectionId: 'br', label: 'Branch desk' })],
  };
  const bert = call({
    id: 'br/200#1',
    lineId: 'br/200',
    connectionId: 'br',
    state: 'connected',
    connectedAt: FIXTURE_NOW,
    startedAt: FIXTURE_NOW - 60_000,
    remote: { number: '5558888', name: 'Bert' },
    actions: ['hangup', 'hold', 'transfer', 'consult'],
  });
  const reconnecting = (id: string) => ({
    op: 'set' as const,
    collection: 'connections' as const,
    id,
    value: connection({ id, state: 'connecting' }),
  });

  it('held down, F4 answers once: its repeats do not answer the next caller', async () => {
    const { api } = renderConsole(consoleWith([older, newer]));
    press(document.body, 'F4');
    await waitFor(() => expect(api.commands).toHaveLength(1));
    act(() =>
      api.pushPatch([{ op: 'set', collection: 'calls', id: older.id, value: { ...older, state: 'connected', actions: ['hangup'] } }]),
    );
    expect(fireEvent.keyDown(document.body, { key: 'F4', code: 'F4', repeat: true })).toBe(false);
    expect(fireEvent.keyDown(document.body, { key: 'F9', code: 'F9', repeat: true })).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(api.commands).toEqual([{ kind: 'answer', callId: older.id }]);
  });

  it('with the selected call unknown (its PBX reconnecting), F8, F9 and Alt+T do nothing to another call', async () => {
    const { api } = renderConsole(consoleWith([talking, bert], two));
    fireEvent.click(row(/Tiina/));
    act(() => api.pushPatch([reconnecting('ts')]));
    press(document.body, 'F9');
    press(document.body, 'F8');
    press(document.body, 't', 'KeyT', { altKey: true });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(api.commands).toEqual([]);
  });

  it("a transfer asked for on a call that became unknown is not sent to another call; it waits for the call's PBX", async () => {
    const { api } = renderConsole(consoleWith([talking, bert], two));
    api.answerSearch = () => [{ name: 'Maria Lind', number: '1105', source: 'TelServer', origin: 'colleague' }];
    fireEvent.click(within(row(/Tiina/)).getByRole('button', { name: 'Transfer' }));
    fireEvent.change(finderField(), { target: { value: 'lind' } });
    await screen.findByRole('button', { name: 'Transfer to Maria Lind' });
    act(() => api.pushPatch([reconnecting('ts')]));
    press(finderField(), 'Enter');
    await screen.findByText("That call's connection is not online, so nothing was done. Try again once it is back.");
    expect(api.commands).toEqual([]);
    act(() => api.pushPatch([{ op: 'set', collection: 'connections', id: 'ts', value: connection() }]));
    press(finderField(), 'Enter');
    await waitFor(() => expect(api.commands).toEqual([{ kind: 'transfer', callId: talking.id, to: '1105' }]));
  });

  it("an IME's Enter that commits its text in the finder is the composition's: nothing is transferred", async () => {
    const { api } = renderConsole(consoleWith([talking]));
    api.answerSearch = () => [{ name: 'Maria Lind', number: '1105', source: 'TelServer', origin: 'colleague' }];
    fireEvent.change(finderField(), { target: { value: 'lind' } });
    await screen.findByRole('button', { name: 'Transfer to Maria Lind' });
    fireEvent.keyDown(finderField(), { key: 'Enter', code: 'Enter', keyCode: 229, isComposing: true });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(api.commands).toEqual([]);
    press(finderField(), 'Enter');
    await waitFor(() => expect(api.commands).toEqual([{ kind: 'transfer', callId: talking.id, to: '1105' }]));
  });

  it('on a Mac, Option with a letter types in a text field (µ, ñ) and acts everywhere else', async () => {
    const platform = vi.spyOn(navigator, 'platform', 'get').mockReturnValue('MacIntel');
    try {
      const { api } = renderConsole(consoleWith([talking]));
      finderField().focus();
      fireEvent.change(finderField(), { target: { value: 'Pe' } });
      expect(press(finderField(), 'µ', 'KeyM', { altKey: true })).toBe(true);
      expect(document.activeElement).toBe(finderField());
      expect(press(finderField(), 'Dead', 'KeyT', { altKey: true })).toBe(true);
      expect(api.commands).toEqual([]);
      // From the call's row, Option+T is the transfer key as anywhere else.
      row(/Tiina/).focus();
      expect(press(row(/Tiina/), '†', 'KeyT', { altKey: true })).toBe(false);
    } finally {
      platform.mockRestore();
    }
  });
});

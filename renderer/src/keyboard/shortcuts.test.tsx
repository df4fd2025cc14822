// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { call, consoleWith, FIXTURE_NOW } from '../../../app/testing/fixtures';
import { renderConsole } from '../testing/render-console';

afterEach(cleanup);

const dialBox = () => screen.getByRole('textbox', { name: 'Number to dial' });
const searchBox = () => screen.getByRole('textbox', { name: 'Search directory' });

describe('keyboard', () => {
  it('Enter in an empty dial box answers the ringing call', async () => {
    const { api } = renderConsole(consoleWith([call()]));
    dialBox().focus();
    fireEvent.keyDown(dialBox(), { key: 'Enter' });
    await waitFor(() => expect(api.commands).toEqual([{ kind: 'answer', callId: 'ts/1101#1' }]));
  });

  it('Enter with text in the dial box dials instead, and clears the box', async () => {
    const { api } = renderConsole(consoleWith([call()]));
    fireEvent.change(dialBox(), { target: { value: '1103' } });
    fireEvent.keyDown(dialBox(), { key: 'Enter' });
    await waitFor(() => expect(api.commands).toEqual([{ kind: 'dial', lineId: 'ts/1101', to: '1103' }]));
    await waitFor(() => expect((dialBox() as HTMLInputElement).value).toBe(''));
  });

  it('Enter prefers the selected ringing call, else the one ringing longest', async () => {
    const older = call({ id: 'ts/1101#1', startedAt: FIXTURE_NOW - 9_000 });
    const newer = call({ id: 'ts/1101#2', startedAt: FIXTURE_NOW - 1_000, remote: { number: '1103', name: 'Peeter' } });
    const { api } = renderConsole(consoleWith([newer, older]));

    fireEvent.keyDown(document.body, { key: 'Enter' });
    await waitFor(() => expect(api.commands).toEqual([{ kind: 'answer', callId: 'ts/1101#1' }]));

    fireEvent.click(screen.getByRole('listitem', { name: /Peeter/ }));
    fireEvent.keyDown(document.body, { key: 'Enter' });
    await waitFor(() => expect(api.commands[1]).toEqual({ kind: 'answer', callId: 'ts/1101#2' }));
  });

  it('Enter does nothing when no call rings', () => {
    const { api } = renderConsole(consoleWith([call({ state: 'connected', actions: ['hangup', 'hold'] })]));
    fireEvent.keyDown(document.body, { key: 'Enter' });
    expect(api.commands).toEqual([]);
  });

  it('a dial error (not a phone number) shows as a notice and sends nothing', async () => {
    const { api } = renderConsole(consoleWith());
    fireEvent.change(dialBox(), { target: { value: 'reception please' } });
    fireEvent.click(screen.getByRole('button', { name: 'Dial' }));
    expect((await screen.findByRole('alert')).textContent).toContain('is not a phone number');
    expect(api.commands).toEqual([]);
  });

  it('Escape clears the search box and cancels an open destination form', () => {
    renderConsole(consoleWith([call({ actions: ['divert'] })]));
    fireEvent.change(searchBox(), { target: { value: 'ann' } });
    fireEvent.click(screen.getByRole('button', { name: 'Divert' }));

    fireEvent.keyDown(searchBox(), { key: 'Escape' });
    expect((searchBox() as HTMLInputElement).value).toBe('');
    expect(screen.queryByRole('textbox', { name: 'Destination number' })).toBeNull();
  });

  it('F8 holds the active call, then retrieves it; F9 hangs it up', async () => {
    const connected = call({ state: 'connected', connectedAt: FIXTURE_NOW, actions: ['hangup', 'hold'] });
    const { api } = renderConsole(consoleWith([connected]));
    fireEvent.keyDown(dialBox(), { key: 'F8' });
    await waitFor(() => expect(api.commands).toEqual([{ kind: 'hold', callId: connected.id }]));

    act(() =>
      api.pushPatch([
        { op: 'set', collection: 'calls', id: connected.id, value: { ...connected, state: 'held', actions: ['hangup', 'retrieve'] } },
      ]),
    );
    fireEvent.keyDown(document.body, { key: 'F8' });
    await waitFor(() => expect(api.commands[1]).toEqual({ kind: 'retrieve', callId: connected.id }));

    fireEvent.click(screen.getByRole('listitem', { name: /Anna Berg/ }));
    fireEvent.keyDown(document.body, { key: 'F9' });
    await waitFor(() => expect(api.commands[2]).toEqual({ kind: 'hangup', callId: connected.id }));
  });

  it('F9 does not hang up a ringing call nobody selected', () => {
    const { api } = renderConsole(consoleWith([call({ actions: ['answer', 'hangup'] })]));
    fireEvent.keyDown(document.body, { key: 'F9' });
    expect(api.commands).toEqual([]);
  });

  it('F2 focuses the directory search', () => {
    renderConsole(consoleWith());
    fireEvent.keyDown(document.body, { key: 'F2' });
    expect(document.activeElement).toBe(searchBox());
  });

  it('shows the shortcuts on screen', () => {
    renderConsole(consoleWith());
    const help = screen.getByRole('region', { name: 'Keyboard shortcuts' });
    for (const key of ['Enter', 'F8', 'F9', 'F2', 'Esc']) expect(help.textContent).toContain(key);
  });
});

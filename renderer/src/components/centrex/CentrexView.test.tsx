// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { call, connection, consoleWith, FIXTURE_NOW, line } from '../../../../app/testing/fixtures';
import { renderConsole } from '../../testing/render-console';

afterEach(cleanup);

const extension = (number: string) =>
  line({
    id: `ps/${number}`,
    vendor: 'portasip',
    number,
    label: `Extension owner ${number}`,
    watched: true,
    capabilities: ['answer', 'hangup'],
  });

describe('the Centrex view', () => {
  it('shows each extension with its calls and the actions PortaSIP allows on them', () => {
    renderConsole(
      consoleWith([call({ id: 'ps/1102#1', lineId: 'ps/1102', connectionId: 'ps', actions: ['answer'] })], {
        connections: [connection({ id: 'ps', vendor: 'portasip', label: 'PortaSIP' })],
        lines: [extension('1102'), extension('1103')],
      }),
    );
    const calls = screen.getByRole('list', { name: 'Calls of Extension owner 1102' });
    expect(within(calls).getByRole('button', { name: 'Answer' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: /Extension owner 1103/ }).textContent).toContain('Idle');
  });

  it('puts only the extensions in view into the page', () => {
    const height = vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockImplementation(function (this: HTMLElement) {
      return this.classList.contains('centrex__extension') ? 80 : 0;
    });
    try {
      const lines = Array.from({ length: 250 }, (_, i) => extension(String(2000 + i)));
      const calls = lines.map((l, i) =>
        call({ id: `${l.id}#${i}`, lineId: l.id, connectionId: 'ps', state: 'connected', actions: ['hangup'] }),
      );
      renderConsole(consoleWith(calls, { connections: [connection({ id: 'ps', vendor: 'portasip', label: 'PortaSIP' })], lines }));
      const shown = within(screen.getByRole('region', { name: 'Centrex' })).getAllByRole('heading', { level: 3 });
      expect(shown.length).toBeGreaterThan(5);
      expect(shown.length).toBeLessThan(30);
    } finally {
      height.mockRestore();
    }
  });
});

describe("keys after a colleague's call is selected in the Centrex view", () => {
  // A watched extension's calls are not the receptionist's own (app/model.ts Line.watched): no key reaches them.
  const ps = connection({ id: 'ps', vendor: 'portasip', label: 'PortaSIP' });
  const reception = line({ id: 'ps/1100', connectionId: 'ps', vendor: 'portasip', number: '1100', label: 'Reception' });
  const colleague = line({ id: 'ps/1103', connectionId: 'ps', vendor: 'portasip', number: '1103', label: 'Mart Kuusk', watched: true });
  const mine = call({
    id: 'ps/1100#a',
    lineId: 'ps/1100',
    connectionId: 'ps',
    state: 'connected',
    startedAt: FIXTURE_NOW - 6000,
    connectedAt: FIXTURE_NOW - 5000,
    remote: { number: '+3725123456', name: 'Kalev Kask' },
    actions: ['hangup', 'hold', 'transfer'],
  });
  const theirs = call({
    id: 'ps/1103#b',
    lineId: 'ps/1103',
    connectionId: 'ps',
    state: 'ringing',
    startedAt: FIXTURE_NOW - 2000,
    remote: { number: '+3726654321', name: 'Tiina Põld' },
    actions: ['answer', 'hangup', 'hold'],
  });

  it.each([
    ['F9', { kind: 'hangup', callId: mine.id }],
    ['F8', { kind: 'hold', callId: mine.id }],
  ])('%s acts on her own call, not the colleague’s she clicked', async (key, command) => {
    const { api } = renderConsole(consoleWith([mine, theirs], { connections: [ps], lines: [reception, colleague] }));
    fireEvent.click(screen.getByRole('listitem', { name: /Tiina/ }));
    fireEvent.keyDown(document.body, { key, code: key });
    await waitFor(() => expect(api.commands).toHaveLength(1));
    expect(api.commands).toEqual([command]);
  });
});

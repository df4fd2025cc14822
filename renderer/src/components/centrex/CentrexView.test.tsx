// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { call, connection, consoleWith, line } from '../../../../app/testing/fixtures';
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

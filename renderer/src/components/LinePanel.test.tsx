// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { consoleWith, line } from '../../../app/testing/fixtures';
import { renderConsole } from '../testing/render-console';

afterEach(cleanup);

describe('line panel', () => {
  it('toggles do-not-disturb with aria-pressed reflecting the line', async () => {
    const { api } = renderConsole(consoleWith());
    const dnd = screen.getByRole('button', { name: 'Do not disturb' });
    expect(dnd.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(dnd);
    await waitFor(() => expect(api.commands).toEqual([{ kind: 'setDnd', lineId: 'ts/1101', enabled: true }]));

    act(() => api.pushPatch([{ op: 'set', collection: 'lines', id: 'ts/1101', value: line({ dnd: true }) }]));
    expect(screen.getByRole('button', { name: 'Do not disturb' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('turning Forward on asks for the number, then sets an immediate forward', async () => {
    const { api } = renderConsole(consoleWith());
    fireEvent.click(screen.getByRole('button', { name: 'Forward' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Forward to' }), { target: { value: '1102' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set forward' }));
    await waitFor(() =>
      expect(api.commands).toEqual([{ kind: 'setForward', lineId: 'ts/1101', enabled: true, type: 'immediate', to: '1102' }]),
    );
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Forward to' })).toBeNull());

    act(() =>
      api.pushPatch([{ op: 'set', collection: 'lines', id: 'ts/1101', value: line({ forwards: [{ type: 'immediate', to: '1102' }] }) }]),
    );
    const forward = screen.getByRole('button', { name: 'Forward' });
    expect(forward.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByText('Forwarded to 1102')).toBeTruthy();

    fireEvent.click(forward);
    await waitFor(() => expect(api.commands[1]).toEqual({ kind: 'setForward', lineId: 'ts/1101', enabled: false, type: 'immediate' }));
  });

  it('sets the caller name on a line that has one, and offers nothing on a line that has not', async () => {
    const { api } = renderConsole(consoleWith([], { lines: [line({ capabilities: ['dial', 'caller-name'] })] }));
    fireEvent.click(screen.getByRole('button', { name: 'Set caller name' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Name shown to people you call' }), {
      target: { value: ' Vastuvõtt Nordvalgus ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save caller name' }));
    await waitFor(() => expect(api.commands).toEqual([{ kind: 'setCallerName', lineId: 'ts/1101', name: 'Vastuvõtt Nordvalgus' }]));
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Name shown to people you call' })).toBeNull());
    cleanup();
    renderConsole(consoleWith());
    expect(screen.queryByRole('button', { name: 'Set caller name' })).toBeNull();
  });

  it('hides DND and Forward when the line cannot do them; shows message waiting', () => {
    renderConsole(consoleWith([], { lines: [line({ capabilities: ['dial', 'answer'], messageWaiting: true })] }));
    expect(screen.queryByRole('button', { name: 'Do not disturb' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Forward' })).toBeNull();
    expect(screen.getByText('Message waiting')).toBeTruthy();
  });

  it('with several lines, the chosen line is the one dialled from', async () => {
    const { api } = renderConsole(
      consoleWith([], {
        lines: [line(), line({ id: 'ts/1102', number: '1102', label: 'Switchboard' })],
      }),
    );
    fireEvent.change(screen.getByRole('combobox', { name: 'Line' }), { target: { value: 'ts/1102' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Find a name or number' }), { target: { value: '1105' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Call 1105' }));
    await waitFor(() => expect(api.commands).toEqual([{ kind: 'dial', lineId: 'ts/1102', to: '1105' }]));
  });
});

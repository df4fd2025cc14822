// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderConsole } from '../../testing/render-console';

afterEach(cleanup);

async function openSettings() {
  const view = renderConsole();
  fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
  await screen.findByRole('heading', { name: 'Connections' });
  return view;
}

function fillTelServer(form: HTMLElement, port: string) {
  const field = (name: string) => within(form).getByLabelText(name);
  fireEvent.change(field('Name'), { target: { value: 'Branch PBX' } });
  fireEvent.change(field('Short name (id)'), { target: { value: 'branch' } });
  fireEvent.change(field('TelServer host'), { target: { value: '127.0.0.1' } });
  fireEvent.change(field('TelServer port'), { target: { value: port } });
  fireEvent.change(field('Devices (extensions)'), { target: { value: '1100, 1101' } });
}

describe('settings view', () => {
  it('adds a TelServer connection: test, then save with a write-only password', async () => {
    const { api } = await openSettings();
    fireEvent.click(screen.getByRole('button', { name: 'Add connection' }));
    const form = screen.getByRole('form', { name: 'Add a connection' });
    fillTelServer(form, '4000');
    fireEvent.change(within(form).getByLabelText('User id (if the devices need a login)'), { target: { value: 'op' } });
    fireEvent.change(within(form).getByLabelText('Password'), { target: { value: 'S3cret' } });

    api.answerTest = () => ({ ok: false, error: { key: 'transport.refused', params: { server: 'TelServer 127.0.0.1:4000' } } });
    fireEvent.click(within(form).getByRole('button', { name: 'Test connection' }));
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'Connection test failed: TelServer 127.0.0.1:4000 refused the connection; is it running, and is the port right?',
    );
    api.answerTest = () => ({ ok: true });
    fireEvent.click(within(form).getByRole('button', { name: 'Test connection' }));
    expect((await within(form).findByRole('status')).textContent).toBe('Connection test succeeded.');
    expect(api.settings.connections).toEqual([]);

    fireEvent.click(within(form).getByRole('button', { name: 'Save connection' }));
    const list = await screen.findByRole('list', { name: 'Saved connections' });
    expect(within(list).getByText(/Branch PBX \(TelServer\) · password stored/)).toBeTruthy();
    expect(api.saved).toEqual([
      {
        connection: {
          vendor: 'telserver',
          id: 'branch',
          label: 'Branch PBX',
          host: '127.0.0.1',
          port: 4000,
          lines: [
            { device: '1100', userId: 'op' },
            { device: '1101', userId: 'op' },
          ],
        },
        password: 'S3cret',
      },
    ]);
  });

  it('catches a bad port on the client and sends nothing', async () => {
    const { api } = await openSettings();
    fireEvent.click(screen.getByRole('button', { name: 'Add connection' }));
    const form = screen.getByRole('form', { name: 'Add a connection' });
    fillTelServer(form, '70000');
    fireEvent.click(within(form).getByRole('button', { name: 'Save connection' }));
    expect(within(form).getByText('A port from 1 to 65535.')).toBeTruthy();
    expect(within(form).getByLabelText('TelServer port').getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(within(form).getByRole('button', { name: 'Test connection' }));
    expect(api.saved).toEqual([]);
    expect(api.tested).toEqual([]);
  });

  it('edits keeping fields the form does not show, and removes', async () => {
    const { api } = renderConsole();
    const saved = {
      vendor: 'telserver' as const,
      id: 'hq',
      label: 'HQ',
      host: '10.0.0.5',
      port: 4000,
      keepaliveSeconds: 5,
      lines: [{ device: '1100', label: 'Desk' }],
    };
    api.settings.connections = [{ connection: saved, hasPassword: true }];
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Edit HQ' }));
    const form = screen.getByRole('form', { name: 'Edit HQ' });
    expect(within(form).getByLabelText('Short name (id)').hasAttribute('readonly')).toBe(true);
    expect(within(form).getByText('A password is stored. Leave empty to keep it.')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('TelServer port'), { target: { value: '4100' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save connection' }));
    await waitFor(() => expect(api.saved).toHaveLength(1));
    expect(api.saved[0]).toEqual({ connection: { ...saved, port: 4100 } });

    fireEvent.click(await screen.findByRole('button', { name: 'Remove HQ' }));
    expect(await screen.findByText('No saved connections.')).toBeTruthy();
  });

  it('Escape in the connection form cancels that form only; Settings stays open, and a composition keeps its Escape', async () => {
    await openSettings();
    fireEvent.click(screen.getByRole('button', { name: 'Add connection' }));
    const form = screen.getByRole('form', { name: 'Add a connection' });
    const field = within(form).getByLabelText('TelServer host');
    fireEvent.change(field, { target: { value: 'half typed' } });
    fireEvent.keyDown(field, { key: 'Escape', code: 'Escape', isComposing: true });
    expect(screen.getByRole('form', { name: 'Add a connection' })).toBeTruthy();
    fireEvent.keyDown(field, { key: 'Escape', code: 'Escape' });
    expect(screen.queryByRole('form', { name: 'Add a connection' })).toBeNull();
    expect(screen.getByRole('heading', { name: 'Settings' })).toBeTruthy();
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByRole('heading', { name: 'Settings' })).toBeNull();
  });

  it('shows desktop-only preferences only in the desktop app, saves preferences, and Escape returns to the console', async () => {
    const { api } = await openSettings();
    expect(screen.queryByLabelText('Start at login')).toBeNull();
    // On by default (RFC 3966 §11); the receptionist may turn it off.
    expect(screen.getByLabelText<HTMLInputElement>('Confirm before dialing a clicked link').checked).toBe(true);
    fireEvent.click(screen.getByLabelText('Confirm before dialing a clicked link'));
    fireEvent.change(screen.getByLabelText('Country for numbers without a country code'), { target: { value: 'fi' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save preferences' }));
    await waitFor(() => expect(api.settings.defaultCountry).toBe('FI'));
    expect(api.settings.preferences.confirmBeforeDial).toBe(false);

    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByRole('heading', { name: 'Settings' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Settings' })).toBeTruthy();

    cleanup();
    const desktop = renderConsole();
    desktop.api.settings.desktop = true;
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(await screen.findByLabelText('Start at login')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('heading', { name: 'Settings' })).toBeNull();
  });
});

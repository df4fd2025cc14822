// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderConsole } from '../../testing/render-console';

afterEach(cleanup);

async function openKeys() {
  const view = renderConsole();
  fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
  const section = await screen.findByRole('region', { name: 'Keys' });
  return { ...view, section };
}

describe('keys in Settings', () => {
  it('Change listens for the next key and saves it; the preferences form keeps it when saved later', async () => {
    const { api, section } = await openKeys();
    fireEvent.click(within(section).getByRole('button', { name: 'Change the key for Answer the next ringing call' }));
    const listening = within(section).getByRole('button', { name: /Press the new key for Answer the next ringing call/ });
    expect(document.activeElement).toBe(listening);
    fireEvent.keyDown(listening, { key: 'F13', code: 'F13' });
    await waitFor(() => expect(api.settings.preferences.keys.answerNext).toEqual(['F13']));
    expect(within(section).getByRole('row', { name: /Answer the next ringing call/ }).textContent).toContain('F13');

    fireEvent.click(screen.getByRole('button', { name: 'Save preferences' }));
    await screen.findByText('Preferences saved.');
    expect(api.settings.preferences.keys.answerNext).toEqual(['F13']);
  });

  it('refuses a browser key, a typing key and a key doing something else, and changes nothing', async () => {
    const { api, section } = await openKeys();
    const tryKey = async (key: string, code: string, mods: Record<string, boolean> = {}) => {
      fireEvent.click(within(section).getByRole('button', { name: 'Change the key for Hang up' }));
      fireEvent.keyDown(within(section).getByRole('button', { name: /Press the new key for Hang up/ }), { key, code, ...mods });
      return (await within(section).findByRole('alert')).textContent;
    };
    expect(await tryKey('F5', 'F5')).toContain('The browser or the desktop app keeps this key');
    expect(await tryKey('h', 'KeyH')).toContain('This key types text; add Alt to it.');
    expect(await tryKey('F8', 'F8')).toContain('One key cannot do two things.');
    expect(api.settings.preferences.keys.hangUp).toEqual(['F9']);
  });

  it('Escape stops listening without changing the key', async () => {
    const { api, section } = await openKeys();
    fireEvent.click(within(section).getByRole('button', { name: 'Change the key for Hang up' }));
    fireEvent.keyDown(within(section).getByRole('button', { name: /Press the new key/ }), { key: 'Escape', code: 'Escape' });
    expect(within(section).getByRole('button', { name: 'Change the key for Hang up' })).toBeTruthy();
    // Still in Settings: that Escape belonged to the key field, not to the page.
    expect(screen.getByRole('heading', { name: 'Settings' })).toBeTruthy();
    expect(api.settings.preferences.keys.hangUp).toEqual(['F9']);
  });
});

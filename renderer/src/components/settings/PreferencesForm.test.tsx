// @vitest-environment jsdom
/**
 * The Language and Theme settings: the language list names each language in
 * its own words, and choosing one switches the whole window (texts and
 * <html lang>) as soon as the preferences are saved.
 */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { call, consoleWith, journalEntry } from '../../../../app/testing/fixtures';
import { renderConsole } from '../../testing/render-console';

afterEach(cleanup);

async function openSettings(...args: Parameters<typeof renderConsole>) {
  const view = renderConsole(...args);
  fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
  await screen.findByRole('heading', { name: 'Preferences' });
  return view;
}

const optionTexts = (select: HTMLElement) =>
  within(select)
    .getAllByRole('option')
    .map((option) => option.textContent);

describe('language and theme preferences', () => {
  it('lists the system language and every language in its own name, and the three themes', async () => {
    await openSettings();
    expect(optionTexts(screen.getByRole('combobox', { name: 'Language' }))).toEqual([
      'System language',
      'English',
      'Deutsch',
      'Eesti',
      'Русский',
    ]);
    expect(optionTexts(screen.getByRole('combobox', { name: 'Theme' }))).toEqual(['System', 'Light', 'Dark']);
  });

  it('choosing Deutsch switches the visible texts and <html lang> once saved', async () => {
    const { api } = await openSettings(consoleWith([call()], { journal: [journalEntry()] }));
    expect(document.documentElement.lang).toBe('en');

    fireEvent.change(screen.getByRole('combobox', { name: 'Language' }), { target: { value: 'de' } });
    // Nothing changes before the preferences are saved.
    expect(screen.getByRole('heading', { name: 'Settings' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save preferences' }));

    expect(await screen.findByRole('heading', { name: 'Einstellungen' })).toBeTruthy();
    expect(api.settings.preferences.language).toBe('de');
    expect(document.documentElement.lang).toBe('de');
    expect((await within(screen.getByRole('form', { name: 'Voreinstellungen' })).findByRole('status')).textContent).toBe(
      'Voreinstellungen gespeichert.',
    );
    expect(screen.getByRole('button', { name: 'Voreinstellungen speichern' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Sprache' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Settings' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Schließen' }));
    expect(screen.getByRole('heading', { name: 'Anrufe' })).toBeTruthy();
    const row = within(screen.getByRole('region', { name: 'Anrufe' })).getByRole('listitem', {
      name: /^Eingehender Anruf von Anna Berg .*, Klingelt$/,
    });
    expect(within(row).getByRole('button', { name: 'Annehmen' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Einstellungen' })).toBeTruthy();
    expect(screen.getByRole('searchbox', { name: 'Journal durchsuchen' })).toBeTruthy();
    expect(document.title).toBe('(1) Klingelt — Vermittlungsplatz');
  });

  it('back to the system language: the (English) browser decides again', async () => {
    const { api } = await openSettings();
    api.settings.preferences.language = 'ru';
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(await screen.findByRole('heading', { name: 'Настройки' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('ru');

    fireEvent.change(screen.getByRole('combobox', { name: 'Язык' }), { target: { value: 'system' } });
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить параметры' }));
    expect(await screen.findByRole('heading', { name: 'Settings' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
  });

  it('saves the chosen theme with the other preferences', async () => {
    const { api } = await openSettings();
    fireEvent.change(screen.getByRole('combobox', { name: 'Theme' }), { target: { value: 'dark' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save preferences' }));
    await waitFor(() => expect(api.settings.preferences.theme).toBe('dark'));
    expect((await within(screen.getByRole('form', { name: 'Preferences' })).findByRole('status')).textContent).toBe('Preferences saved.');
  });
});

describe('ring sound preferences', () => {
  it('shows the saved mute and volume in a "Ring sound" group, and saves changes to both', async () => {
    const { api } = await openSettings();
    const group = screen.getByRole('group', { name: 'Ring sound' });
    const mute = within(group).getByRole('checkbox', { name: 'Mute the ring sound' });
    const volume = within(group).getByRole('slider', { name: 'Ring volume' });
    expect(mute).toHaveProperty('checked', false);
    expect(volume).toHaveProperty('value', '70');
    expect(volume.getAttribute('aria-valuetext')).toBe('70 %');

    fireEvent.click(mute);
    fireEvent.change(volume, { target: { value: '35' } });
    expect(volume.getAttribute('aria-valuetext')).toBe('35 %');
    fireEvent.click(screen.getByRole('button', { name: 'Save preferences' }));
    await waitFor(() => expect(api.settings.preferences.sound).toEqual({ muted: true, volume: 35 }));
  });

  it('says the console stays silent while do-not-disturb is on', async () => {
    const { api } = await openSettings();
    expect(screen.getByRole('group', { name: 'Ring sound' }).textContent).not.toContain('Do not disturb is on');
    api.settings.preferences.alerts.doNotDisturb = true;
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    await waitFor(() =>
      expect(screen.getByRole('group', { name: 'Ring sound' }).textContent).toContain('Do not disturb is on: the console stays silent.'),
    );
  });

  it('names the group and its controls in each language', async () => {
    const { api } = await openSettings();
    api.settings.preferences.language = 'de';
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    const group = await screen.findByRole('group', { name: 'Klingelton' });
    expect(within(group).getByRole('checkbox', { name: 'Klingelton stumm schalten' })).toBeTruthy();
    expect(within(group).getByRole('slider', { name: 'Klingellautstärke' })).toBeTruthy();
  });
});

describe('saving preferences after the tray switched do-not-disturb', () => {
  it.each([true, false])('keeps do-not-disturb %s as the tray last set it', async (fromTray) => {
    const view = renderConsole(consoleWith([]));
    const alerts = view.api.settings.preferences.alerts;
    view.api.settings = {
      ...view.api.settings,
      preferences: { ...view.api.settings.preferences, alerts: { ...alerts, doNotDisturb: !fromTray } },
    };
    act(() => view.api.pushSettingsChanged());
    await waitFor(() => expect(view.store.getState().settings?.preferences.alerts.doNotDisturb).toBe(!fromTray));
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    await screen.findByRole('heading', { name: 'Preferences' });
    // The form is open; the tray switches do-not-disturb.
    view.api.settings = {
      ...view.api.settings,
      preferences: { ...view.api.settings.preferences, alerts: { ...alerts, doNotDisturb: fromTray } },
    };
    act(() => view.api.pushSettingsChanged());
    await waitFor(() => expect(view.store.getState().settings?.preferences.alerts.doNotDisturb).toBe(fromTray));
    fireEvent.click(screen.getByRole('button', { name: 'Save preferences' }));
    await screen.findByText('Preferences saved.');
    expect(view.api.settings.preferences.alerts.doNotDisturb).toBe(fromTray);
  });
});

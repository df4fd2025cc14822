// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { LinkDialRequest } from '../../../app/contract';
import { call, consoleWith, FIXTURE_LINE_ID } from '../../../app/testing/fixtures';
import { finderField } from '../testing/queries';
import { renderConsole } from '../testing/render-console';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

const mari: LinkDialRequest = {
  link: 'tel:1103',
  number: '1103',
  formatted: '1103',
  name: 'Mari Maasikas',
  line: { id: FIXTURE_LINE_ID, label: 'Reception' },
};
const ringing = call({ id: 'ts/1101#1', remote: { number: '+3725123456', name: 'Kalev Kask' } });

const dialog = () => screen.getByRole('alertdialog', { name: 'Click to dial' });
const notices = () => screen.getByRole('region', { name: 'Notices' });
const press = (target: Element, key: string, code = key) => fireEvent.keyDown(target, { key, code });

/** The console with a link for the receptionist to confirm, offered by the core when the page connects. */
async function withLinkOffered(request = mari, calls = [ringing]) {
  const view = renderConsole(consoleWith(calls));
  view.api.answerLink = () => ({ kind: 'confirm', request });
  await act(() => view.store.getState().checkLink(request.link));
  return view;
}

describe('the click-to-dial confirmation', () => {
  it('shows the formatted number, the name and the line, in a modal dialog with the focus on Dial', async () => {
    await withLinkOffered();
    const box = dialog();
    expect(box.getAttribute('aria-modal')).toBe('true');
    expect(document.getElementById(box.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Dial Mari Maasikas, 1103, on Reception?',
    );
    const facts = within(box)
      .getAllByRole('definition')
      .map((d) => d.textContent);
    expect(facts).toEqual(['1103', 'Mari Maasikas', 'Reception']);
    expect(document.activeElement).toBe(within(box).getByRole('button', { name: 'Dial' }));
  });

  it('Enter dials on the link’s line with the ordinary dial command; the dialog closes', async () => {
    const { api } = await withLinkOffered();
    press(document.activeElement!, 'Enter');
    await waitFor(() => expect(api.commands).toEqual([{ kind: 'dial', lineId: FIXTURE_LINE_ID, to: '1103' }]));
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('Escape cancels: nothing is dialled, the focus goes back where it was', async () => {
    const view = renderConsole(consoleWith([]));
    view.api.answerLink = () => ({ kind: 'confirm', request: mari });
    finderField().focus();
    await act(() => view.store.getState().checkLink('tel:1103'));
    expect(document.activeElement).toBe(within(dialog()).getByRole('button', { name: 'Dial' }));
    press(document.activeElement!, 'Escape');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(view.api.commands).toEqual([]);
    expect(document.activeElement).toBe(finderField());
    expect(within(notices()).getByRole('status').textContent).toContain('1103 was not dialled.');
  });

  it('keeps Tab inside, and Enter on Cancel cancels (the focused button does its own job)', async () => {
    const { api } = await withLinkOffered();
    const [dial, cancel] = within(dialog()).getAllByRole('button');
    press(dial, 'Tab');
    cancel.focus();
    press(cancel, 'Tab');
    expect(document.activeElement).toBe(dial);
    fireEvent.keyDown(dial, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(cancel);
    press(cancel, 'Enter');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(api.commands).toEqual([]);
  });

  it('keeps the focus in the dialog when the page behind it is pressed', async () => {
    await withLinkOffered();
    const backdrop = dialog().parentElement!;
    // false: the press's default (moving the focus out to the page) was prevented.
    expect(fireEvent.mouseDown(backdrop)).toBe(false);
    expect(fireEvent.mouseDown(within(dialog()).getByRole('button', { name: 'Cancel' }))).toBe(true);
  });

  it('lets no console key through while open; a ringing call stays in the banner and is named in the dialog', async () => {
    const { api } = await withLinkOffered();
    const dial = within(dialog()).getByRole('button', { name: 'Dial' });
    within(dialog()).getByText('A call is ringing: answer it once this question is closed.');
    // The banner keeps saying who rings (nothing hides it from the page or from screen readers).
    const banner = document.querySelector('.ringing-banner p');
    expect(banner?.textContent).toMatch(/Kalev Kask/);
    expect(banner?.closest('[aria-hidden="true"], [inert]')).toBeNull();
    press(dial, 'F4');
    press(dial, '+', 'NumpadAdd');
    press(dial, 'F2');
    press(dial, 'a', 'KeyA');
    expect(api.commands).toEqual([]);
    expect(document.activeElement).toBe(dial);
    // Once it is closed, the same key answers.
    press(dial, 'Escape');
    press(document.body, 'F4');
    await waitFor(() => expect(api.commands).toEqual([{ kind: 'answer', callId: ringing.id }]));
  });

  it('dials at once when the receptionist turned the confirmation off', async () => {
    const view = renderConsole(consoleWith([]));
    view.api.settings.preferences.confirmBeforeDial = false;
    await act(() => view.store.getState().loadSettings());
    view.api.answerLink = () => ({ kind: 'confirm', request: { ...mari, extension: '12' } });
    await act(() => view.store.getState().checkLink('tel:1103;ext=12'));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await waitFor(() => expect(view.api.commands).toEqual([{ kind: 'dial', lineId: FIXTURE_LINE_ID, to: '1103' }]));
    await waitFor(() => expect(within(notices()).getByRole('status').textContent).toContain('Key in extension 12 once answered.'));
  });

  it('shows a refusal as an error notice with the reason, and dials nothing', async () => {
    const view = renderConsole(consoleWith([]));
    view.api.answerLink = () => ({ kind: 'refused', error: { key: 'desktop.tel.serviceCode' } });
    await act(() => view.store.getState().checkLink('tel:*2767*3855%23'));
    expect(within(notices()).getByRole('alert').textContent).toMatch(/Links cannot dial service codes with \* or #/);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(view.api.commands).toEqual([]);
  });

  it('asks about the link in the page’s address once the bridge is connected, and takes it out of the address', async () => {
    window.history.replaceState(null, '', '/?token=abc&link=tel%3A1103');
    const view = renderConsole(consoleWith([]));
    await waitFor(() => expect(view.api.linkRequests).toEqual([{ link: 'tel:1103' }]));
    expect(window.location.search).toBe('?token=abc');
  });

  it('asks for the held link when there is none in the address, and again when a line comes online for a waiting one', async () => {
    const offline = consoleWith([]);
    offline.connections = Object.fromEntries(
      Object.entries(offline.connections).map(([id, c]) => [id, { ...c, state: 'connecting' as const }]),
    );
    const view = renderConsole(offline);
    view.api.answerLink = () => ({ kind: 'waiting', number: '1103', retryInMs: 120_500 });
    await act(() => view.store.getState().checkLink());
    expect(within(notices()).getByRole('status').textContent).toContain('1103 will be dialled as soon as a line is online.');
    view.api.answerLink = () => ({ kind: 'confirm', request: mari });
    const asked = view.api.linkRequests.length;
    act(() => view.api.pushSnapshot(consoleWith([])));
    await waitFor(() => dialog());
    expect(view.api.linkRequests.slice(asked)).toEqual([{}]);
  });
});

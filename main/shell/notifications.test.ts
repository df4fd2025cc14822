import { describe, expect, it, vi } from 'vitest';
import type { NotificationConstructorOptions } from 'electron';
import { createTranslator } from '../../app/i18n/translator';
import { callNotifications, type NotificationLike } from './notifications';

function fakeNotifications() {
  const created: { options: NotificationConstructorOptions; listeners: Map<string, () => void>; shown: boolean; closed: boolean }[] = [];
  const create = (options: NotificationConstructorOptions): NotificationLike => {
    const entry = { options, listeners: new Map<string, () => void>(), shown: false, closed: false };
    created.push(entry);
    return {
      on: (event, listener) => entry.listeners.set(event, listener),
      show: () => void (entry.shown = true),
      close: () => void (entry.closed = true),
    };
  };
  return { created, create };
}

const ICON = '/opt/attendant/resources/assets/icon.png';
const en = () => createTranslator('en');

describe('call notifications', () => {
  it('shows the caller with the app icon and an Answer action that answers; a click shows the call', () => {
    const { created, create } = fakeNotifications();
    const answer = vi.fn();
    const show = vi.fn();
    const handle = callNotifications(create, ICON, en)(
      'c1',
      { title: 'Kalev Kask is calling', body: 'on Reception', answerable: true },
      { answer, show },
    );
    expect(created[0].options).toMatchObject({
      title: 'Kalev Kask is calling',
      body: 'on Reception',
      icon: ICON,
      actions: [{ type: 'button', text: 'Answer' }],
    });
    expect(created[0].shown).toBe(true);
    created[0].listeners.get('action')!();
    created[0].listeners.get('click')!();
    expect(answer).toHaveBeenCalledTimes(1);
    expect(show).toHaveBeenCalledTimes(1);
    handle.close();
    expect(created[0].closed).toBe(true);
  });

  it('offers no Answer button for a call the console cannot answer', () => {
    const { created, create } = fakeNotifications();
    callNotifications(create, ICON, en)(
      'c1',
      { title: 'x is calling', body: 'Answer on your phone', answerable: false },
      { show: vi.fn() },
    );
    expect(created[0].options.actions).toEqual([]);
    expect(created[0].listeners.has('action')).toBe(false);
    expect(created[0].listeners.has('click')).toBe(true);
  });

  it("labels the Answer button in the receptionist's language of the moment", () => {
    const { created, create } = fakeNotifications();
    let language = createTranslator('en');
    const show = callNotifications(create, ICON, () => language);
    show('c1', { title: 'x', body: '', answerable: true }, { answer: vi.fn(), show: vi.fn() });
    language = createTranslator('et');
    show('c2', { title: 'x', body: '', answerable: true }, { answer: vi.fn(), show: vi.fn() });
    expect(created.map((n) => n.options.actions)).toEqual([[{ type: 'button', text: 'Answer' }], [{ type: 'button', text: 'Vasta' }]]);
  });
});

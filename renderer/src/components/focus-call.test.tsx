// @vitest-environment jsdom
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { call, consoleWith } from '../../../app/testing/fixtures';
import { renderConsole } from '../testing/render-console';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const twoCalls = () =>
  consoleWith([
    call({ id: 'a', remote: { number: '5551234', name: 'Anna Berg' } }),
    call({ id: 'b', remote: { number: '5559876', name: 'Mart Kuusk' } }),
  ]);

describe('a desktop alert click shows its call', () => {
  it('selects the call, scrolls its row into view and focuses it', () => {
    const scrolled: Element[] = [];
    HTMLElement.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this);
    };
    const { api } = renderConsole(twoCalls());
    act(() => api.pushFocusCall('b'));
    const row = screen.getByRole('listitem', { name: /Mart Kuusk/ });
    expect(row.getAttribute('aria-current')).toBe('true');
    expect(screen.getByRole('listitem', { name: /Anna Berg/ }).getAttribute('aria-current')).toBeNull();
    expect(scrolled).toEqual([row]);
    expect(document.activeElement).toBe(row);
    // A second click on the same alert brings it into view again.
    act(() => api.pushFocusCall('b'));
    expect(scrolled).toEqual([row, row]);
  });

  it('leaves the settings view so the call can be seen', async () => {
    const { api, store } = renderConsole(twoCalls());
    await act(() => store.getState().openSettings());
    expect(store.getState().settingsOpen).toBe(true);
    act(() => api.pushFocusCall('a'));
    expect(store.getState().settingsOpen).toBe(false);
    expect(screen.getByRole('listitem', { name: /Anna Berg/ }).getAttribute('aria-current')).toBe('true');
  });

  it('a request that arrives before the call does (a window just opened) takes effect when the row appears', () => {
    const { api } = renderConsole();
    act(() => api.pushFocusCall('b'));
    act(() => api.pushSnapshot(twoCalls()));
    const row = screen.getByRole('listitem', { name: /Mart Kuusk/ });
    expect(row.getAttribute('aria-current')).toBe('true');
    expect(document.activeElement).toBe(row);
  });

  it('stops listening when the session stops', () => {
    const { api, store, stopSession } = renderConsole(twoCalls());
    stopSession();
    api.pushFocusCall('a');
    expect(store.getState().selectedCallId).toBeNull();
  });
});

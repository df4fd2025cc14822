import { describe, expect, it, vi } from 'vitest';
import { createTranslator } from '../../app/i18n/translator';
import {
  ALERT_WINDOW_SIZE,
  alertWindowBounds,
  alertWindows,
  showAlertEverywhere,
  type AlertWindowHandle,
  type Rectangle,
} from './alert-window';
import { CallAlerts, type ShowAlert } from './call-alerts';
import { call, connection, consoleState, consoleWith, line } from '../../app/testing/fixtures';

const LEFT_SCREEN: Rectangle = { x: 0, y: 0, width: 1920, height: 1050 };
// A second display to the right, with a 30-pixel panel at its top.
const RIGHT_SCREEN: Rectangle = { x: 1920, y: 30, width: 2560, height: 1410 };

function fakeScreen(cursor: { x: number; y: number }) {
  return {
    getCursorScreenPoint: () => cursor,
    getDisplayNearestPoint: (point: { x: number; y: number }) => ({ workArea: point.x >= 1920 ? RIGHT_SCREEN : LEFT_SCREEN }),
  };
}

function fakeOpen() {
  const opened: { callId: string; bounds: Rectangle; closed: boolean; closedListener?: () => void }[] = [];
  const open = (callId: string, bounds: Rectangle): AlertWindowHandle => {
    const entry: (typeof opened)[number] = { callId, bounds, closed: false };
    opened.push(entry);
    return {
      close: () => {
        entry.closed = true;
        entry.closedListener?.();
      },
      onClosed: (listener) => void (entry.closedListener = listener),
    };
  };
  return { opened, open };
}

const content = { title: 'x is calling', body: '', answerable: true };
const actions = { show: () => {} };

describe('alert window placement', () => {
  it('sits in the top-right corner of the work area, inside it', () => {
    expect(alertWindowBounds(RIGHT_SCREEN, 0)).toEqual({ x: 1920 + 2560 - 16 - ALERT_WINDOW_SIZE.width, y: 30 + 16, ...ALERT_WINDOW_SIZE });
  });

  it('stacks further alerts downwards, then in a column to the left, never off the display', () => {
    const first = alertWindowBounds(LEFT_SCREEN, 0);
    const second = alertWindowBounds(LEFT_SCREEN, 1);
    expect(second.x).toBe(first.x);
    expect(second.y).toBe(first.y + ALERT_WINDOW_SIZE.height + 8);
    for (let slot = 0; slot < 40; slot++) {
      const bounds = alertWindowBounds(LEFT_SCREEN, slot);
      expect(bounds.x).toBeGreaterThanOrEqual(0);
      expect(bounds.y).toBeGreaterThanOrEqual(0);
      expect(bounds.x + bounds.width).toBeLessThanOrEqual(1920);
      expect(bounds.y + bounds.height).toBeLessThanOrEqual(1050);
    }
    expect(alertWindowBounds(LEFT_SCREEN, 7).x).toBeLessThan(first.x);
  });

  it('fits a display smaller than the window', () => {
    expect(alertWindowBounds({ x: 0, y: 0, width: 300, height: 100 }, 0)).toEqual({ x: 0, y: 0, width: 300, height: 100 });
  });
});

describe('alert windows', () => {
  it('opens on the display the cursor is on, in the lowest free slot', () => {
    const { opened, open } = fakeOpen();
    const cursor = { x: 2500, y: 600 };
    const show = alertWindows({ enabled: () => true, screen: fakeScreen(cursor), open });
    const first = show('a', content, actions);
    show('b', content, actions);
    expect(opened.map((o) => o.bounds.x)).toEqual([4104, 4104]);
    expect(opened[1].bounds.y).toBeGreaterThan(opened[0].bounds.y);
    first.close();
    cursor.x = 100;
    show('c', content, actions);
    expect(opened[2].bounds).toEqual(alertWindowBounds(LEFT_SCREEN, 0));
  });

  it('opens nothing while the preference is off', () => {
    const { opened, open } = fakeOpen();
    const handle = alertWindows({ enabled: () => false, screen: fakeScreen({ x: 0, y: 0 }), open })('a', content, actions);
    expect(opened).toHaveLength(0);
    expect(() => handle.close()).not.toThrow();
  });

  it('closes with the notification through the CallAlerts lifecycle', () => {
    const { opened, open } = fakeOpen();
    const notification = { close: vi.fn() };
    const notify: ShowAlert = () => notification;
    const alerts = new CallAlerts({
      show: showAlertEverywhere(notify, alertWindows({ enabled: () => true, screen: fakeScreen({ x: 0, y: 0 }), open })),
      preferences: () => ({ enabled: true, doNotDisturb: false }),
      answer: () => {},
      focusCall: () => {},
      translator: () => createTranslator('en'),
    });
    const base = { connections: [connection({ id: 'pbx', state: 'online' })], lines: [line({ id: 'pbx/100' })] };
    alerts.update(consoleState({ ...base, calls: [call({ id: 'pbx/100#1' })] }));
    expect(opened.map((o) => [o.callId, o.closed])).toEqual([['pbx/100#1', false]]);
    alerts.update(consoleState({ ...base, calls: [call({ id: 'pbx/100#1', state: 'connected' })] }));
    expect(opened[0].closed).toBe(true);
    expect(notification.close).toHaveBeenCalledTimes(1);
  });
});

describe('an alert redrawn (the caller’s name came a moment later)', () => {
  it('keeps its place, and the next caller’s window goes below it, never into a slot still held', async () => {
    const opened: { callId: string; bounds: Rectangle }[] = [];
    const show = alertWindows({
      enabled: () => true,
      screen: fakeScreen({ x: 10, y: 10 }),
      open: (callId, bounds) => {
        opened.push({ callId, bounds });
        let closed: (() => void) | undefined;
        // Electron says a window is gone a moment after close().
        return { close: () => setTimeout(() => closed?.(), 0), onClosed: (listener) => (closed = listener) };
      },
    });
    const alerts = new CallAlerts({
      show,
      preferences: () => ({ enabled: true, doNotDisturb: false }),
      answer: () => {},
      focusCall: () => {},
      translator: () => createTranslator('en'),
    });
    const first = call({ id: 'ts/1101#1', remote: { number: '5551234' } });
    const named = { ...first, remote: { number: '5551234', name: 'Anna Berg' } };
    const second = call({ id: 'ts/1101#2', startedAt: first.startedAt + 1000, remote: { number: '5559876' } });
    alerts.update(consoleWith([first]));
    alerts.update(consoleWith([named]));
    await new Promise((resolve) => setTimeout(resolve, 5));
    alerts.update(consoleWith([named, second]));
    expect(opened.map(({ callId, bounds }) => `${callId}@${bounds.y}`)).toEqual([
      `ts/1101#1@${opened[0].bounds.y}`,
      `ts/1101#1@${opened[0].bounds.y}`,
      `ts/1101#2@${opened[0].bounds.y + ALERT_WINDOW_SIZE.height + 8}`,
    ]);
  });
});

/**
 * The optional always-on-top alert window, as plain decisions: where it
 * goes (the top-right corner of the display the cursor is on, so it appears
 * where the receptionist is working; several ringing calls stack downwards)
 * and when (it rides on the CallAlerts lifecycle, so it closes exactly when
 * the notification does).
 */
import type { AlertHandle, ShowAlert } from './call-alerts';

export interface Point {
  x: number;
  y: number;
}

export interface Rectangle extends Point {
  width: number;
  height: number;
}

/** The slice of Electron's `screen` the placement needs. */
export interface ScreenLike {
  getCursorScreenPoint(): Point;
  getDisplayNearestPoint(point: Point): { workArea: Rectangle };
}

export const ALERT_WINDOW_SIZE = { width: 360, height: 140 } as const;
const MARGIN = 16;
const GAP = 8;

/** Bounds of the alert in `slot` (0 = topmost) inside a display's work area (the part not covered by panels). */
export function alertWindowBounds(
  workArea: Rectangle,
  slot: number,
  size: { width: number; height: number } = ALERT_WINDOW_SIZE,
): Rectangle {
  const width = Math.min(size.width, workArea.width);
  const height = Math.min(size.height, workArea.height);
  const perColumn = Math.max(1, Math.floor((workArea.height - MARGIN + GAP) / (height + GAP)));
  // More alerts than fit in one column continue in the next one to the left, never off the display.
  const column = Math.floor(slot / perColumn) % Math.max(1, Math.floor((workArea.width - MARGIN + GAP) / (width + GAP)));
  const row = slot % perColumn;
  const x = Math.max(workArea.x, workArea.x + workArea.width - MARGIN - width - column * (width + GAP));
  const y = Math.min(workArea.y + workArea.height - height, workArea.y + MARGIN + row * (height + GAP));
  return { x: Math.round(x), y: Math.round(y), width, height };
}

export interface AlertWindowHandle extends AlertHandle {
  /** Called once when the window is gone, closed by us or by the receptionist. */
  onClosed(listener: () => void): void;
}

export interface AlertWindowOptions {
  /** The preference (off by default). */
  enabled(): boolean;
  screen: ScreenLike;
  /** Opens the window for a call at these bounds (the shell: a hardened frameless BrowserWindow). */
  open(callId: string, bounds: Rectangle): AlertWindowHandle;
}

/** A ShowAlert that opens an alert window per ringing call, each in the lowest free slot. */
export function alertWindows(options: AlertWindowOptions): ShowAlert {
  const slotsInUse = new Set<number>();
  return (callId) => {
    if (!options.enabled()) return { close: () => {} };
    let slot = 0;
    while (slotsInUse.has(slot)) slot++;
    const { workArea } = options.screen.getDisplayNearestPoint(options.screen.getCursorScreenPoint());
    slotsInUse.add(slot);
    const window = options.open(callId, alertWindowBounds(workArea, slot));
    // Freed as soon as we close it, not when Electron says it is gone: an alert redrawn (the caller's name came)
    // is closed and opened again at once, and took the slot below, leaving a gap the next caller filled out of
    // order. Freed once: the late 'closed' of a window must not free the slot its successor holds.
    let freed = false;
    const free = () => {
      if (freed) return;
      freed = true;
      slotsInUse.delete(slot);
    };
    window.onClosed(free);
    return {
      close: () => {
        free();
        window.close();
      },
    };
  };
}

/** Shows one alert several ways at once (notification and alert window); closing it closes them all. */
export function showAlertEverywhere(...shows: ShowAlert[]): ShowAlert {
  return (callId, content, actions) => {
    const handles = shows.map((show) => show(callId, content, actions));
    return { close: () => handles.forEach((handle) => handle.close()) };
  };
}

/**
 * The states of one connection and the only moves between them.
 *
 * ```
 *            start()                  connect() resolved
 *  stopped ──────────▶ connecting ───────────────────────▶ online ◀──────────┐
 *     ▲                 │  ▲  ▲                              │  ▲            │ link back
 *     │ stop()          │  │  │ reconnectNow()               │  └─────┐      │
 *     │ (from any)      │  │  └──────────────────────────────┤        │      │
 *     │                 │  │ retry timer                     │ PBX    │ pbx-link-down
 *     │   connect()     │  │                                 │ link   │      │
 *     │   failed        ▼  │                       lost      ▼ lost   │      │
 *     └──────────────  offline ◀─────────────────────────────┴────────┴──────┘
 * ```
 *
 * - `connecting`: a session is being opened (and resynchronised in full).
 * - `online`: calls can be seen and controlled.
 * - `pbx-link-down`: the CTI server answers but has lost its own link to the
 *   PBX; no call can be seen or controlled until it comes back.
 * - `offline`: no session; a retry is scheduled (`retryAt`).
 * - `stopped`: not running (never started, removed, or the console is closing).
 *
 * Only `online` lets a call be acted on; in every other state the
 * connection's calls are unknown.
 */
import type { LinkState } from '../../app/model';

const MOVES: Readonly<Record<LinkState, readonly LinkState[]>> = {
  stopped: ['connecting'],
  connecting: ['connecting', 'online', 'pbx-link-down', 'offline', 'stopped'],
  online: ['connecting', 'pbx-link-down', 'offline', 'stopped'],
  'pbx-link-down': ['connecting', 'online', 'offline', 'stopped'],
  offline: ['connecting', 'stopped'],
};

export function canMove(from: LinkState, to: LinkState): boolean {
  return MOVES[from].includes(to);
}

export class IllegalLinkMove extends Error {
  constructor(
    readonly from: LinkState,
    readonly to: LinkState,
  ) {
    super(`A connection cannot go from ${from} to ${to}.`);
    this.name = 'IllegalLinkMove';
  }
}

/** Throws IllegalLinkMove for a move the diagram does not have (a bug in the caller, never the network's doing). */
export function assertMove(from: LinkState, to: LinkState): void {
  if (!canMove(from, to)) throw new IllegalLinkMove(from, to);
}

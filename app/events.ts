import type { Call, ConnectionStatus, Line } from './model';

/**
 * Domain events: what connectors report to the core. They are facts in the
 * vendor-neutral model; the reducer turns them into state.
 */
export type DomainEvent =
  | { type: 'connectionStatus'; status: ConnectionStatus }
  | { type: 'lineUpserted'; line: Line }
  | { type: 'lineRemoved'; lineId: string }
  | { type: 'linePatched'; lineId: string; patch: Partial<Omit<Line, 'id' | 'connectionId' | 'vendor'>> }
  | { type: 'callUpserted'; call: Call }
  | { type: 'callEnded'; callId: string; at: number }
  /**
   * A full resync of one line's calls from the vendor (after a (re)connect or
   * a PBX link recovery): every call of the line not listed here is gone.
   */
  | { type: 'lineCallsReplaced'; lineId: string; calls: Call[]; at: number }
  /** All lines and calls of a connection are gone (connection removed). */
  | { type: 'connectionRemoved'; connectionId: string };

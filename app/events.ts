import type { Call, Colleague, ConnectionStatus, JournalEntry, Line } from './model';

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
  /** All lines, calls and colleagues of a connection are gone (connection removed). */
  | { type: 'connectionRemoved'; connectionId: string }
  /** The full presence grid of a connection (initial stream or resync): colleagues not listed are gone. */
  | { type: 'colleaguesReplaced'; connectionId: string; colleagues: Colleague[] }
  | { type: 'colleagueUpserted'; colleague: Colleague }
  | { type: 'colleagueRemoved'; colleagueId: string }
  /** Call records from the vendor's own history (e.g. Telia getCallHistory), merged by callId. */
  | { type: 'historyMerged'; entries: JournalEntry[] };

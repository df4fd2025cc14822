/**
 * What the core needs from a vendor connector. One connector = one
 * configured connection (one CTI server / PBX / account); it may carry
 * several lines. The ConnectionSupervisor drives its lifecycle (connect,
 * backoff, reconnect); the connector never retries on its own.
 */
import type { Clock } from '../../app/clock';
import type { Command, CommandResult } from '../../app/commands';
import type { DomainEvent } from '../../app/events';
import type { Message } from '../../app/i18n/message';
import type { ConnectionFact, DirectoryEntry } from '../../app/model';
import type { Vendor } from '../../app/vendors';
import type { Logger } from './log';

/** Something the connector tells the supervisor about its link. */
export type LinkEvent =
  /** The session is gone (transport failure, closed by admin, keepalive failed): reconnect. */
  | { type: 'lost'; reason: Message }
  /** The CTI server lost (false) or regained (true) its own link to the PBX. */
  | { type: 'pbxLink'; up: boolean; reason?: Message };

export interface ConnectorHost {
  /** Domain facts about lines and calls (never connection status: the supervisor owns that). */
  emit: (event: DomainEvent) => void;
  /** Link changes after a successful connect(). */
  link: (event: LinkEvent) => void;
  /** The connector's statusFacts() changed: republish the connection status. */
  factsChanged: () => void;
  /**
   * The connection's password from the credential store (saved in the
   * settings view); undefined when none is stored. A password named by
   * `passwordEnv` in the configuration wins (see connectors/shared/password.ts).
   */
  storedPassword?: () => Promise<string | undefined>;
  /**
   * The connection's company phonebook, read in full (Telia's): replaces what
   * it published before, so the one directory finds and names its entries.
   */
  phonebook?: (entries: readonly PhonebookRecord[]) => void;
  log: Logger;
  clock: Clock;
}

/** One entry of a PBX's shared phonebook, as the directory keeps it. */
export interface PhonebookRecord {
  /** The vendor's id, with which it is edited or deleted. */
  entryId: string;
  name: string;
  /** E.164 where the PBX's number could be placed, else as written. */
  numbers: string[];
}

export interface Connector {
  readonly id: string;
  readonly vendor: Vendor;
  readonly label: string;
  /**
   * Opens the vendor session and resynchronises every line in full
   * (lineUpserted + lineCallsReplaced), so no stale call survives a drop.
   * Rejects with a ConsoleError (core/errors.ts) that says why in the catalog's words.
   */
  connect: () => Promise<void>;
  /** Closes the session, best effort, never throws. */
  disconnect: () => Promise<void>;
  execute: (command: Command) => Promise<CommandResult>;
  /**
   * The PBX's directory entries matching `text`. When `signal` fires (a newer search of the same client replaced
   * this one, it ran out of time, the connection closes) the search stops its I/O at once — closes its socket,
   * aborts its HTTP request, fetches no further page — and rejects with `signal.reason`.
   */
  searchDirectory: (text: string, limit: number, signal: AbortSignal) => Promise<DirectoryEntry[]>;
  /** Facts shown with the connection status (e.g. a notification listener's URL and reachability). */
  statusFacts?: () => ConnectionFact[];
  /**
   * A cheap check that the PBX answers at all (e.g. a TCP connect to its
   * port, closed at once) — no session, no login. While the connection is
   * offline the supervisor probes on a short period, so a PBX that is back
   * is seen within a second however long the backoff has grown. Resolves
   * when it answers, rejects when not (within about a second).
   */
  probe?: () => Promise<void>;
}

export type ConnectorFactory = (host: ConnectorHost) => Connector;

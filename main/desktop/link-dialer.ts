/**
 * Turns a clicked tel:/callto: link into a `dial` command on the right line.
 * The same object serves every way a link arrives: the first launch's
 * command line (cold start), a second launch (single instance), macOS
 * open-url, and browser mode (`serve --open-link`, a page opened with a
 * link). A link that arrives before any line is online waits (only the newest
 * one: dialling a stale backlog would surprise the receptionist) until a line
 * comes online or the wait expires. In browser mode the LinkInbox below holds
 * the resolved link for the page, which asks the receptionist and dials it.
 */
import { errorMessage } from '../core/errors';
import type { CommandResult } from '../../app/commands';
import { msg, type Message } from '../../app/i18n/message';
import type { LinkDialRequest, LinkOffer, StateMessage } from '../../app/contract';
import type { ConsoleState, DirectoryEntry, Line } from '../../app/model';
import type { Clock } from '../../app/clock';
import { formatNumber, normalizeNumber } from '../../app/phone';
import { parseDialLink, resolveDialLink, type DialLink } from './tel-link';

/** A link resolved on a line (the contract's type: the browser page confirms the same object). */
export type DialRequest = LinkDialRequest;

/** What became of a link, for the shell to show (notification) or serve to log. */
export type LinkOutcome =
  | { kind: 'refused'; error: Message }
  | { kind: 'waiting'; number: string }
  | { kind: 'cancelled'; number: string }
  /** A link that waited was not dialled: a newer one took its place. */
  | { kind: 'replaced'; number: string }
  | { kind: 'offered'; request: DialRequest }
  | { kind: 'dialled'; request: DialRequest; result: CommandResult };

export interface LinkDialerService {
  getState(): ConsoleState;
  subscribe(listener: (message: StateMessage) => void): () => void;
  execute(command: { kind: 'dial'; lineId: string; to: string }): Promise<CommandResult>;
}

export interface LinkDialerOptions {
  service: LinkDialerService;
  clock: Clock;
  /** The receptionist's default line (settings), tried first. */
  preferredLineId?: () => string | undefined;
  /** Asks before dialling when the receptionist wants that; resolves true to dial. */
  confirm?: (request: DialRequest) => Promise<boolean>;
  /** Hands the resolved request on instead of dialling it (browser mode: the page asks, then sends the dial command). */
  handOver?: (request: DialRequest) => void;
  report(outcome: LinkOutcome): void;
  /** How long a link waits for a line to come online (default 2 minutes). */
  maxWaitMs?: number;
  /** The console's own domains (its PBXs' hosts): a link's domain phone-context must be one of them. */
  domains?: () => readonly string[];
  /** The directory's name for a number on the line that dials it, shown in the confirmation. */
  nameFor?: (number: string, line: Line) => string | undefined;
}

export const DEFAULT_LINK_WAIT_MS = 120_000;

/**
 * The line a link dials on: the preferred line when it can dial now, else
 * the first (by label) online line that can dial. Undefined when none can.
 */
export function chooseDialLine(state: ConsoleState, preferredLineId?: string): Line | undefined {
  const canDialNow = (line: Line) => line.capabilities.includes('dial') && state.connections[line.connectionId]?.state === 'online';
  const preferred = preferredLineId ? state.lines[preferredLineId] : undefined;
  if (preferred && canDialNow(preferred)) return preferred;
  return Object.values(state.lines)
    .filter(canDialNow)
    .sort((a, b) => a.label.localeCompare(b.label) || a.id.localeCompare(b.id))[0];
}

export class LinkDialer {
  private pending: { link: string; parsed: DialLink; timer: unknown; expiresAt: number } | undefined;
  private readonly unsubscribe: () => void;
  private dialling = false;

  constructor(private readonly options: LinkDialerOptions) {
    // Every state change may bring a line online for a waiting link.
    this.unsubscribe = options.service.subscribe(() => this.tryPending());
  }

  /** Handles one link from outside; never throws. */
  open(link: string): void {
    const parsed = parseDialLink(link);
    if (!parsed.ok) {
      this.options.report({ kind: 'refused', error: parsed.error });
      return;
    }
    // Only the newest link waits; the one it replaces is said not to be dialled (it was promised to be).
    const replaced = this.pending;
    this.dropPending();
    if (replaced) this.options.report({ kind: 'replaced', number: replaced.parsed.number });
    const waitMs = this.options.maxWaitMs ?? DEFAULT_LINK_WAIT_MS;
    const timer = this.options.clock.setTimeout(() => this.expire(), waitMs);
    this.pending = { link, parsed, timer, expiresAt: this.options.clock.now() + waitMs };
    if (this.tryPending()) return;
    // Behind a link being confirmed or dialled, it comes next, as soon as that one is done: no line is missing.
    if (!this.dialling) this.options.report({ kind: 'waiting', number: parsed.number });
  }

  /** Whether a link is waiting for a line. */
  get waiting(): boolean {
    return this.pending !== undefined;
  }

  /** The link waiting for a line: its number and how long it may still wait. */
  waitingFor(): { number: string; remainingMs: number } | undefined {
    const pending = this.pending;
    if (!pending) return undefined;
    return { number: pending.parsed.number, remainingMs: Math.max(0, pending.expiresAt - this.options.clock.now()) };
  }

  dispose(): void {
    this.dropPending();
    this.unsubscribe();
  }

  /** Dials the waiting link if a line can take it now; returns whether it was taken. */
  private tryPending(): boolean {
    const pending = this.pending;
    if (!pending || this.dialling) return false;
    const line = chooseDialLine(this.options.service.getState(), this.options.preferredLineId?.());
    if (!line) return false;
    this.dropPending();
    // What a link dials depends on the line's country and the console's domains, so it is decided now.
    const resolved = resolveDialLink(pending.parsed, { country: line.country, domains: this.options.domains?.() ?? [] });
    if (!resolved.ok) {
      this.options.report({ kind: 'refused', error: resolved.error });
      return true;
    }
    const request: DialRequest = {
      link: pending.link,
      number: resolved.number,
      formatted: formatNumber(resolved.number, line.country),
      // A line the PBX gave no label is named by its number, not by nothing ("… on ").
      line: { id: line.id, label: line.label.trim() || line.number },
    };
    const name = this.options.nameFor?.(resolved.number, line);
    if (name) request.name = name;
    if (pending.parsed.extension) request.extension = pending.parsed.extension;
    if (this.options.handOver) {
      this.options.handOver(request);
      this.options.report({ kind: 'offered', request });
      return true;
    }
    this.dialling = true;
    void this.dial(request).finally(() => {
      this.dialling = false;
      // A link that came while this one was confirmed or dialled is offered now, not at some later state change.
      this.tryPending();
    });
    return true;
  }

  private async dial(request: DialRequest): Promise<void> {
    try {
      if (this.options.confirm && !(await this.options.confirm(request))) {
        this.options.report({ kind: 'cancelled', number: request.number });
        return;
      }
      const result = await this.options.service.execute({ kind: 'dial', lineId: request.line.id, to: request.number });
      this.options.report({ kind: 'dialled', request, result });
    } catch (error) {
      this.options.report({
        kind: 'dialled',
        request,
        result: { ok: false, error: errorMessage(error) },
      });
    }
  }

  private expire(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    this.options.report({ kind: 'refused', error: msg('desktop.link.expired', { number: pending.parsed.number }) });
  }

  private dropPending(): void {
    if (this.pending) this.options.clock.clearTimeout(this.pending.timer);
    this.pending = undefined;
  }
}

/** One sentence for a link's outcome (the shell's notification body; serve logs it in English). */
export function describeLinkOutcome(outcome: LinkOutcome): Message {
  switch (outcome.kind) {
    case 'refused':
      return outcome.error;
    case 'waiting':
      return msg('desktop.link.waiting', { number: outcome.number });
    case 'cancelled':
      return msg('desktop.link.cancelled', { number: outcome.number });
    case 'replaced':
      return msg('desktop.link.replaced', { number: outcome.number });
    case 'offered':
      return msg('desktop.link.offered', { number: outcome.request.number, line: outcome.request.line.label });
    case 'dialled': {
      const { request, result } = outcome;
      if (!result.ok) return msg('desktop.link.failed', { number: request.number, reason: result.error });
      const { number, extension } = request;
      const line = request.line.label;
      return extension
        ? msg('desktop.link.diallingExtension', { number, line, extension })
        : msg('desktop.link.dialling', { number, line });
    }
  }
}

export interface LinkInboxOptions extends Omit<LinkDialerOptions, 'confirm' | 'handOver' | 'report'> {
  /** Every outcome, for the log. */
  report?: (outcome: LinkOutcome) => void;
  /**
   * The directory's entries for a number, PBX searches included (a TelServer knows its colleagues only when
   * asked): asked when a link is offered and the local directory had no name for it.
   */
  searchDirectory?: (number: string) => Promise<readonly DirectoryEntry[]>;
  /** How long the offer waits for that search before it goes out without a name (default 1.5 s). */
  nameSearchMs?: number;
}

export const DEFAULT_NAME_SEARCH_MS = 1500;

/** The name of the entry that has exactly this number on this line (an extension only on the line's own connection). */
export function nameInDirectory(
  entries: readonly DirectoryEntry[],
  number: string,
  line: Pick<Line, 'connectionId' | 'country'>,
): string | undefined {
  const global = number.startsWith('+');
  for (const entry of entries) {
    if (!entry.name) continue;
    if (!global && entry.connectionId !== undefined && entry.connectionId !== line.connectionId) continue;
    const normalized = normalizeNumber(entry.number, line.country);
    if (normalized.ok && normalized.number === number) return entry.name;
  }
  return undefined;
}

/**
 * Browser mode's click-to-dial: one LinkDialer for the serve process (the newest link only, waiting for a line
 * the same way), whose resolved request or refusal is held for the page that asks next instead of being dialled.
 * The page asks the receptionist and sends the ordinary dial command, which the core checks again. Each outcome
 * is offered once; a resolved link nobody took within the wait is not offered any more (a stale link surprises).
 */
export class LinkInbox {
  private held: { offer: LinkOffer; at: number } | undefined;
  private readonly dialer: LinkDialer;
  private readonly maxWaitMs: number;

  constructor(private readonly options: LinkInboxOptions) {
    this.maxWaitMs = options.maxWaitMs ?? DEFAULT_LINK_WAIT_MS;
    this.dialer = new LinkDialer({
      ...options,
      handOver: (request) => this.hold({ kind: 'confirm', request }),
      report: (outcome) => {
        if (outcome.kind === 'refused') this.hold({ kind: 'refused', error: outcome.error });
        options.report?.(outcome);
      },
    });
  }

  /** A link from outside (the command line, the page's address); it replaces whatever was held. */
  open(link: string): void {
    this.held = undefined;
    this.dialer.open(link);
  }

  /**
   * What the page should show now; a held outcome is handed out once. A link to confirm gets the name the
   * directory has for it now (it may have learnt it since the link was resolved, or only a PBX search knows it).
   */
  async take(): Promise<LinkOffer> {
    const offer = this.takeHeld();
    if (offer.kind !== 'confirm' || offer.request.name) return offer;
    const name = await this.nameFor(offer.request);
    return name ? { kind: 'confirm', request: { ...offer.request, name } } : offer;
  }

  dispose(): void {
    this.dialer.dispose();
    this.held = undefined;
  }

  private async nameFor(request: DialRequest): Promise<string | undefined> {
    const line = this.options.service.getState().lines[request.line.id];
    if (!line) return undefined;
    const known = this.options.nameFor?.(request.number, line);
    const search = this.options.searchDirectory;
    if (known || !search) return known;
    let timer: unknown;
    const timeout = new Promise<undefined>((resolve) => {
      timer = this.options.clock.setTimeout(() => resolve(undefined), this.options.nameSearchMs ?? DEFAULT_NAME_SEARCH_MS);
    });
    try {
      // A search that fails or is slow costs the confirmation its name, never the link.
      const found = search(request.number).then(
        (entries) => nameInDirectory(entries, request.number, line),
        () => undefined,
      );
      return await Promise.race([found, timeout]);
    } finally {
      this.options.clock.clearTimeout(timer);
    }
  }

  private takeHeld(): LinkOffer {
    const held = this.held;
    this.held = undefined;
    if (held?.offer.kind === 'confirm' && this.options.clock.now() - held.at > this.maxWaitMs) {
      return { kind: 'refused', error: msg('desktop.link.expired', { number: held.offer.request.number }) };
    }
    if (held) return held.offer;
    const waiting = this.dialer.waitingFor();
    // A little after the wait ends, so the page's next question hears that it expired.
    if (waiting) return { kind: 'waiting', number: waiting.number, retryInMs: waiting.remainingMs + EXPIRY_MARGIN_MS };
    return { kind: 'none' };
  }

  private hold(offer: LinkOffer): void {
    this.held = { offer, at: this.options.clock.now() };
  }
}

const EXPIRY_MARGIN_MS = 500;

/**
 * Turns a clicked tel:/callto: link into a `dial` command on the right line.
 * The same object serves every way a link arrives: the first launch's
 * command line (cold start), a second launch (single instance), macOS
 * open-url, and `serve --open-link`. A link that arrives before any line is
 * online waits (only the newest one: dialling a stale backlog would surprise
 * the receptionist) until a line comes online or the wait expires.
 */
import { errorMessage } from '../core/errors';
import type { CommandResult } from '../../app/commands';
import { msg, type Message } from '../../app/i18n/message';
import type { StateMessage } from '../../app/contract';
import type { ConsoleState, Line } from '../../app/model';
import type { Clock } from '../../app/clock';
import { formatNumber } from '../../app/phone';
import { parseDialLink, resolveDialLink, type DialLink } from './tel-link';

export interface DialRequest {
  link: string;
  /** What is dialled: E.164, or an extension of the line's PBX. */
  number: string;
  /** The number as the receptionist reads it (national form in the line's country). */
  formatted: string;
  /** Who the number belongs to, when the directory knows. */
  name?: string;
  extension?: string;
  line: Pick<Line, 'id' | 'label'>;
}

/** What became of a link, for the shell to show (notification) or serve to log. */
export type LinkOutcome =
  | { kind: 'refused'; error: Message }
  | { kind: 'waiting'; number: string }
  | { kind: 'cancelled'; number: string }
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
  report(outcome: LinkOutcome): void;
  /** How long a link waits for a line to come online (default 2 minutes). */
  maxWaitMs?: number;
  /** The console's own domains (its PBXs' hosts): a link's domain phone-context must be one of them. */
  domains?: () => readonly string[];
  /** The directory's name for a number, shown in the confirmation. */
  nameFor?: (number: string) => string | undefined;
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
  private pending: { link: string; parsed: DialLink; timer: unknown } | undefined;
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
    this.dropPending();
    const timer = this.options.clock.setTimeout(() => this.expire(), this.options.maxWaitMs ?? DEFAULT_LINK_WAIT_MS);
    this.pending = { link, parsed, timer };
    if (!this.tryPending()) this.options.report({ kind: 'waiting', number: parsed.number });
  }

  /** Whether a link is waiting for a line. */
  get waiting(): boolean {
    return this.pending !== undefined;
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
      line: { id: line.id, label: line.label },
    };
    const name = this.options.nameFor?.(resolved.number);
    if (name) request.name = name;
    if (pending.parsed.extension) request.extension = pending.parsed.extension;
    this.dialling = true;
    void this.dial(request).finally(() => {
      this.dialling = false;
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

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
import { parseDialLink } from './tel-link';

export interface DialRequest {
  link: string;
  number: string;
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
  private pending: { link: string; number: string; extension?: string; timer: unknown } | undefined;
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
    this.pending = { link, number: parsed.number, extension: parsed.extension, timer };
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
    const request: DialRequest = { link: pending.link, number: pending.number, line: { id: line.id, label: line.label } };
    if (pending.extension) request.extension = pending.extension;
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
    this.options.report({ kind: 'refused', error: msg('desktop.link.expired', { number: pending.number }) });
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

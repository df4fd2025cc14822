/**
 * The Telia Smart calls connection: a SOAP client for both endpoints, the
 * adapter, and one way in for call alerts — the notification listener
 * (registered per own number with activateNotification, deregistered on
 * disconnect) or polling getCallHistory. Telia has no session: connect()
 * reads own numbers, phonebook and history in full. Telia only ever
 * sends notifications, so silence says nothing: the console learns Telia is
 * gone from its own requests — the periodic check (or the poll itself), the
 * phonebook refresh, a command — and any of them that gets no answer at
 * all (refused, cut off, timed out) reports the link lost at once, so the
 * calls shown turn unknown then, not at the next check.
 *
 * The company phonebook is shared: colleagues edit it in Telia's self-service
 * or another console. It is read again every `phonebookRefreshSeconds`, and a
 * directory search reads it first when the copy is older than
 * SEARCH_FRESHNESS_MS (opening the phonebook view runs its search again), so
 * an entry added elsewhere shows within a minute.
 */
import { randomBytes } from 'node:crypto';
import { isCallCommand, refused, type Command, type CommandResult } from '../../../app/commands';
import { msg, type Message } from '../../../app/i18n/message';
import type { ConnectionFact, DirectoryEntry } from '../../../app/model';
import { phonebookNameProblem } from '../../../app/phonebook-text';
import type { TeliaConnectionConfig } from '../../../app/vendors';
import type { Connector, ConnectorHost } from '../../core/connector';
import { ConsoleError, english, errorMessage } from '../../core/errors';
import { PeriodicTask } from '../../core/periodic-task';
import { SessionGuard, type SessionToken } from '../../core/session-guard';
import { probeUrl } from '../shared/probe';
import { requiredPassword } from '../shared/password';
import { TransportError, type TransportFailure } from '../shared/transport-error';
import { TeliaAdapter } from './adapter';
import { TELIA_PHONEBOOK_URL, TELIA_SERVICES_URL, TeliaClient } from './client';
import type { TeliaNotification, TeliaRequest, TeliaResponse } from './messages';
import { NotificationListener, TELIA_NOTIFICATION_SOURCES } from './notification-listener';
import { toTeliaDialString, toTeliaE164 } from './numbers';

export const NOT_CONTROLLABLE: Message = msg('telia.notControllable');

/** Failures that mean no answer came at all: Telia cannot be reached (unlike an HTTP status or a garbled answer). */
const NO_ANSWER: ReadonlySet<TransportFailure> = new Set([
  'refused',
  'not-found',
  'unreachable',
  'timeout',
  'reset',
  'closed',
  'truncated',
]);

/** Default period of the phonebook read. */
export const PHONEBOOK_REFRESH_SECONDS = 30;
/** A search older than this reads the phonebook first; within it (typing a name), the copy answers. */
export const SEARCH_FRESHNESS_MS = 10_000;
/** How long a search waits for that read (the core gives a search 3 s); a slower read still updates the copy. */
const SEARCH_READ_WAIT_MS = 1500;

export class TeliaConnector implements Connector {
  readonly vendor = 'telia' as const;
  readonly id: string;
  readonly label: string;
  private readonly adapter: TeliaAdapter;
  private readonly country: string;
  /** The secret path segment of the notification URL: one per console run. */
  private readonly secret = randomBytes(24).toString('base64url');
  private client: TeliaClient | undefined;
  private listener: NotificationListener | undefined;
  private activatedNumbers: string[] = [];
  private activationProblem: Message | undefined;
  private lastPoll: { at: number; error?: Message } | undefined;
  private readonly seenRecordIds = new Set<string>();
  /** The history poll (poll mode) or the light check that Telia is still reachable (listen mode). */
  private check: PeriodicTask | undefined;
  /** Reads the phonebook again, so entries added or changed elsewhere show. */
  private phonebookTask: PeriodicTask | undefined;

  /** While offline: does Telia's services endpoint answer again (main/core/supervisor.ts)? */
  readonly probe = () => probeUrl(this.config.servicesUrl ?? TELIA_SERVICES_URL);
  /** When the phonebook copy was read (clock ms), and the read under way: one at a time. */
  private phonebookReadAt: number | undefined;
  private phonebookRead: Promise<void> | undefined;
  private readonly expiryTimers = new Map<string, unknown>();
  private closing: Promise<void> = Promise.resolve();
  /** Late answers, notifications and timers of an old connection change nothing. */
  private readonly sessions = new SessionGuard();
  /** The session once connect() finished, until its link is reported lost (once) or it disconnects. */
  private online: SessionToken | undefined;

  constructor(
    private readonly config: TeliaConnectionConfig,
    private readonly host: ConnectorHost,
    defaultCountry: string,
  ) {
    this.id = config.id;
    this.label = config.label;
    this.country = config.country ?? defaultCountry;
    this.adapter = new TeliaAdapter({ connectionId: config.id, label: config.label, country: this.country }, () => host.clock.now());
  }

  async connect(): Promise<void> {
    await this.closing;
    const session = this.sessions.begin();
    try {
      this.client = new TeliaClient({
        servicesUrl: this.config.servicesUrl ?? TELIA_SERVICES_URL,
        phonebookUrl: this.config.phonebookUrl ?? TELIA_PHONEBOOK_URL,
        username: this.config.username,
        password: await requiredPassword(this.config, this.host),
        tls: this.config.tlsFingerprint256 ? { fingerprint256: this.config.tlsFingerprint256 } : undefined,
        timeoutMs: this.config.requestTimeoutMs,
      });
      const { numbers } = await this.call({ op: 'listOwnNumbers' });
      if (numbers.length === 0) throw new ConsoleError(msg('telia.noOwnNumbers'));
      if (!session.current()) return;
      for (const event of this.adapter.replaceLines(numbers)) this.host.emit(event);
      await this.refreshPhonebook().catch((error) => this.host.log.warn('telia: phonebook not read', { error: describe(error) }));
      await this.mergeHistory(true).catch((error) => this.host.log.warn('telia: call history not read', { error: describe(error) }));
      if (!session.current()) return;
      if (this.config.notifications.mode === 'listen') await this.activateNotifications(session);
      if (!session.current()) return;
      this.host.factsChanged();
      this.online = session;
      this.startCheck(session);
      this.startPhonebookRefresh(session);
    } catch (error) {
      if (session.current()) await this.disconnect();
      throw error instanceof ConsoleError ? error : new ConsoleError(errorMessage(error), { cause: error });
    }
  }

  async disconnect(): Promise<void> {
    this.sessions.end();
    this.online = undefined;
    this.check?.stop();
    this.check = undefined;
    this.phonebookTask?.stop();
    this.phonebookTask = undefined;
    this.phonebookReadAt = undefined;
    this.phonebookRead = undefined;
    for (const timer of this.expiryTimers.values()) this.host.clock.clearTimeout(timer);
    this.expiryTimers.clear();
    const client = this.client;
    const listener = this.listener;
    const activated = this.activatedNumbers;
    this.client = undefined;
    this.listener = undefined;
    this.activatedNumbers = [];
    this.closing = (async () => {
      // Telia stops sending to a URL that will soon not answer.
      if (client)
        await Promise.all(activated.map((aNumber) => client.call({ op: 'deactivateNotification', aNumber }).catch(() => undefined)));
      client?.close();
      await listener?.stop();
    })();
    await this.closing;
  }

  async execute(command: Command): Promise<CommandResult> {
    if (isCallCommand(command)) return refused(NOT_CONTROLLABLE);
    try {
      switch (command.kind) {
        case 'dial': {
          const line = this.adapter.line(command.lineId);
          if (!line) return refused(msg('command.lineNotConnected'));
          const aNumber = toTeliaE164(line.number, line.country);
          if (!aNumber.ok) return refused(aNumber.error);
          const bNumber = toTeliaDialString(command.to, line.country);
          if (!bNumber.ok) return refused(bNumber.error);
          await this.call({ op: 'clickToCall', aNumber: aNumber.number, bNumber: bNumber.number });
          return { ok: true, notice: msg('command.ringingYourPhone') };
        }
        case 'setCallerName': {
          const line = this.adapter.line(command.lineId);
          if (!line) return refused(msg('command.lineNotConnected'));
          const problem = phonebookNameProblem(command.name);
          if (problem) return refused(problem);
          const parts = command.name.trim().split(/\s+/);
          if (parts.length < 2) return refused(msg('telia.callerNameTwoWords'));
          const aNumber = toTeliaE164(line.number, line.country);
          if (!aNumber.ok) return refused(aNumber.error);
          await this.call({
            op: 'updateCallingLineNameIdentity',
            aNumber: aNumber.number,
            firstName: parts.slice(0, -1).join(' '),
            lastName: parts[parts.length - 1],
          });
          return { ok: true };
        }
        case 'phonebookSave': {
          const problem = phonebookNameProblem(command.entry.name);
          if (problem) return refused(problem);
          const number = toTeliaDialString(command.entry.number, this.country);
          if (!number.ok) return refused(number.error);
          const fields = { displayName: command.entry.name.trim(), phoneNumber1: number.number };
          if (command.entry.entryId) {
            const existing = this.adapter.phonebookEntry(command.entry.entryId);
            const phoneNumber2 = existing?.phoneNumber2;
            await this.call({
              op: 'updateEntry',
              entry: { ...fields, ...(phoneNumber2 ? { phoneNumber2 } : {}), id: command.entry.entryId },
            });
          } else {
            await this.call({ op: 'AddEntry', entry: fields });
          }
          await this.refreshPhonebook();
          return { ok: true };
        }
        case 'phonebookDelete':
          await this.call({ op: 'deleteEntry', id: command.entryId });
          await this.refreshPhonebook();
          return { ok: true };
        case 'pickup':
        case 'setAgentState':
        case 'setDnd':
        case 'setForward':
          return refused(msg('command.notSupported', { system: this.label }));
      }
    } catch (error) {
      return refused(errorMessage(error), error instanceof ConsoleError ? error.code : undefined);
    }
  }

  /**
   * The phonebook copy's matches, read again first when it is old. A fired `signal` ends the wait for that read
   * at once (the read itself goes on: it is shared, and the copy it brings serves every later search).
   */
  async searchDirectory(text: string, limit: number, signal: AbortSignal): Promise<DirectoryEntry[]> {
    signal.throwIfAborted();
    const readAt = this.phonebookReadAt;
    if (this.client && (readAt === undefined || this.host.clock.now() - readAt > SEARCH_FRESHNESS_MS)) {
      // A failed or slow read leaves the copy as it was: the search still answers, from what was read last.
      const read = this.refreshPhonebook().catch((error) => this.host.log.warn('telia: phonebook not read', { error: describe(error) }));
      await this.waitForRead(read, signal);
    }
    return this.adapter.searchPhonebook(text, limit);
  }

  /** Until `read` ends, SEARCH_READ_WAIT_MS pass or `signal` fires (then rejecting with its reason). */
  private waitForRead(read: Promise<void>, signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const done = () => {
        this.host.clock.clearTimeout(timer);
        signal.removeEventListener('abort', aborted);
        resolve();
      };
      const aborted = () => {
        this.host.clock.clearTimeout(timer);
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the signal's reason, as the core gave it
        reject(signal.reason);
      };
      const timer = this.host.clock.setTimeout(done, SEARCH_READ_WAIT_MS);
      signal.addEventListener('abort', aborted, { once: true });
      void read.then(done);
    });
  }

  statusFacts(): ConnectionFact[] {
    const notifications = this.config.notifications;
    if (notifications.mode === 'poll') {
      const last = this.lastPoll;
      return [
        { label: msg('telia.fact.callAlerts'), value: msg('telia.fact.polling', { seconds: pollSeconds(this.config) }) },
        {
          label: msg('telia.fact.lastPoll'),
          value: !last
            ? msg('telia.fact.notYet')
            : last.error
              ? msg('telia.fact.pollFailed', { time: last.at, reason: last.error })
              : msg('telia.fact.pollTime', { time: last.at }),
        },
      ];
    }
    const facts: ConnectionFact[] = [
      { label: msg('telia.fact.notificationUrl'), value: this.listener?.displayUrl ?? msg('telia.fact.notListening') },
    ];
    if (this.activationProblem) {
      facts.push({ label: msg('telia.fact.notifications'), value: msg('telia.fact.notRegistered', { reason: this.activationProblem }) });
    } else if (this.activatedNumbers.length > 0) {
      const stats = this.listener?.stats;
      const heard = stats?.lastAcceptedAt ? msg('telia.fact.reachable', { time: stats.lastAcceptedAt }) : msg('telia.fact.unconfirmed');
      facts.push({
        label: msg('telia.fact.notifications'),
        value: stats?.rejected ? msg('telia.fact.withRefused', { status: heard, count: stats.rejected }) : heard,
      });
    }
    return facts;
  }

  // ----------------------------------------------------------------------

  /** One request; one that got no answer at all reports the link lost (an HTTP status or a garbled answer does not: Telia is there). */
  private async call(request: TeliaRequest): Promise<TeliaResponse> {
    if (!this.client) throw new ConsoleError(msg('command.connectionUnavailable'));
    const online = this.online;
    try {
      return await this.client.call(request);
    } catch (error) {
      if (online && error instanceof TransportError && NO_ANSWER.has(error.kind)) this.reportLost(online, error.text);
      throw error;
    }
  }

  /** The link of `session` is gone: no more checks, and the supervisor reconnects. Reported once; a stale session's changes nothing. */
  private reportLost(session: SessionToken, reason: Message): void {
    if (!session.current() || this.online !== session) return;
    this.online = undefined;
    this.check?.stop();
    this.host.link({ type: 'lost', reason });
  }

  private async activateNotifications(session: SessionToken): Promise<void> {
    const options = this.config.notifications;
    if (options.mode !== 'listen') return;
    const listener = new NotificationListener({
      bindAddress: options.bindAddress ?? '0.0.0.0',
      port: options.port ?? 0,
      publicBaseUrl: options.publicBaseUrl,
      allowedSources: options.allowedSources ?? TELIA_NOTIFICATION_SOURCES,
      secret: this.secret,
      log: this.host.log,
      onNotification: (n) => {
        if (session.current()) this.handleNotification(n, session);
      },
    });
    this.listener = listener;
    let url: string;
    try {
      url = await listener.start();
    } catch (error) {
      const address = `${options.bindAddress ?? '0.0.0.0'}:${options.port ?? 0}`;
      throw new ConsoleError(msg('telia.listenFailed', { address, reason: describeSystemError(error) }), { cause: error });
    }
    this.activationProblem = undefined;
    for (const line of this.adapter.allLines()) {
      const aNumber = toTeliaE164(line.number, line.country);
      if (!aNumber.ok) {
        this.activationProblem = aNumber.error;
        continue;
      }
      try {
        await this.call({ op: 'activateNotification', aNumber: aNumber.number, targetUrl: url });
        if (!session.current()) return;
        this.activatedNumbers.push(aNumber.number);
      } catch (error) {
        this.activationProblem = errorMessage(error);
        this.host.log.warn('telia: activateNotification failed', { number: line.number, error: english(this.activationProblem) });
      }
    }
  }

  private handleNotification(notification: TeliaNotification, session: SessionToken): void {
    const events = this.adapter.applyNotification(notification);
    if (events.length === 0) this.host.log.warn('telia: notification for a number that is not ours', { bnr: notification.bnr });
    for (const event of events) {
      this.host.emit(event);
      if (event.type === 'callUpserted') this.armExpiry(event.call.id, session);
      if (event.type === 'callEnded') this.clearExpiry(event.callId);
    }
    this.host.factsChanged();
  }

  /** A call Telia never reports the end of must not ring on screen forever. */
  private armExpiry(callId: string, session: SessionToken): void {
    if (this.expiryTimers.has(callId)) return;
    const seconds = this.config.notifications.mode === 'listen' ? (this.config.notifications.ringingTimeoutSeconds ?? 180) : 180;
    this.expiryTimers.set(
      callId,
      this.host.clock.setTimeout(() => {
        this.expiryTimers.delete(callId);
        if (session.current()) for (const event of this.adapter.expire(callId)) this.host.emit(event);
      }, seconds * 1000),
    );
  }

  private clearExpiry(callId: string): void {
    this.host.clock.clearTimeout(this.expiryTimers.get(callId));
    this.expiryTimers.delete(callId);
  }

  /** Reads the phonebook; a read already under way is joined, not repeated. */
  private refreshPhonebook(): Promise<void> {
    if (this.phonebookRead) return this.phonebookRead;
    const read: Promise<void> = this.readPhonebook().finally(() => {
      if (this.phonebookRead === read) this.phonebookRead = undefined;
    });
    this.phonebookRead = read;
    return read;
  }

  private async readPhonebook(): Promise<void> {
    const client = this.client;
    const { entries } = await this.call({ op: 'listPhoneBookEntries' });
    // Disconnected (or reconnected) meanwhile: this answer belongs to a connection that is gone.
    if (this.client !== client) return;
    this.adapter.setPhonebook(entries);
    this.phonebookReadAt = this.host.clock.now();
    this.host.phonebook?.(this.adapter.phonebookRecords());
  }

  /** The phonebook again every phonebookRefreshSeconds; a failure is logged (one that got no answer has reported the link lost). */
  private startPhonebookRefresh(session: SessionToken): void {
    const seconds = this.config.phonebookRefreshSeconds ?? PHONEBOOK_REFRESH_SECONDS;
    const task = new PeriodicTask(this.host.clock, seconds * 1000, async () => {
      if (!session.current()) return;
      await this.refreshPhonebook().catch((error) => this.host.log.warn('telia: phonebook not read again', { error: describe(error) }));
    });
    this.phonebookTask = task;
    task.start();
  }

  /** Reads every line's history; after the first read only records with new ids are merged (poll mode). */
  private async mergeHistory(initial: boolean): Promise<void> {
    for (const line of this.adapter.allLines()) {
      const aNumber = toTeliaE164(line.number, line.country);
      if (!aNumber.ok) continue;
      const { records } = await this.call({ op: 'getCallHistory', aNumber: aNumber.number });
      const fresh = records.filter((r) => !this.seenRecordIds.has(r.id));
      for (const record of records) this.seenRecordIds.add(record.id);
      const entries = this.adapter.historyEntries(line.id, initial ? records : fresh);
      if (entries.length > 0) this.host.emit({ type: 'historyMerged', entries });
    }
  }

  /** Poll mode: the history poll; listen mode: a light listOwnNumbers. A failure means the link is lost. */
  private startCheck(session: SessionToken): void {
    const notifications = this.config.notifications;
    const seconds = notifications.mode === 'poll' ? pollSeconds(this.config) : (this.config.checkSeconds ?? 60);
    const check: PeriodicTask = new PeriodicTask(this.host.clock, seconds * 1000, (): Promise<void> => this.runCheck(session, check));
    this.check = check;
    check.start();
  }

  private async runCheck(session: SessionToken, check: PeriodicTask): Promise<void> {
    const poll = this.config.notifications.mode === 'poll';
    try {
      if (poll) await this.mergeHistory(false);
      else await this.call({ op: 'listOwnNumbers' });
    } catch (error) {
      if (!session.current()) return;
      const reason = errorMessage(error);
      if (poll) this.lastPoll = { at: this.host.clock.now(), error: reason };
      // The supervisor reconnects; this session checks no more.
      check.stop();
      this.reportLost(session, reason);
      return;
    }
    if (!session.current() || !poll) return;
    this.lastPoll = { at: this.host.clock.now() };
    this.host.factsChanged();
  }
}

function pollSeconds(config: TeliaConnectionConfig): number {
  return config.notifications.mode === 'poll' ? (config.notifications.intervalSeconds ?? 20) : 20;
}

/** For log lines (English). */
function describe(error: unknown): string {
  return english(errorMessage(error));
}

/** A Node system error's code (EADDRINUSE, EACCES) or its message. */
function describeSystemError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && code) return code;
  return error instanceof Error ? error.message : String(error);
}

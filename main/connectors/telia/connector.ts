/**
 * The Telia Smart calls connection: a SOAP client for both endpoints, the
 * adapter, and one way in for call alerts — the notification listener
 * (registered per own number with activateNotification, deregistered on
 * disconnect) or polling getCallHistory. Telia has no session: connect()
 * reads own numbers, phonebook and history in full; a periodic check (or
 * the poll itself) notices when Telia can no longer be reached.
 */
import { randomBytes } from 'node:crypto';
import { isCallCommand, refused, type Command, type CommandResult } from '../../../app/commands';
import type { DirectoryEntry } from '../../../app/model';
import { phonebookNameProblem } from '../../../app/phonebook-text';
import type { Connector, ConnectorHost } from '../../core/connector';
import { requiredPassword } from '../../core/secrets';
import { TeliaAdapter } from './adapter';
import { TELIA_PHONEBOOK_URL, TELIA_SERVICES_URL, TeliaClient } from './client';
import type { TeliaConnectionConfig } from './config';
import { TeliaServiceError, TeliaTransportError } from './errors';
import type { TeliaNotification, TeliaRequest, TeliaResponse } from './messages';
import { NotificationListener, TELIA_NOTIFICATION_SOURCES } from './notification-listener';
import { toTeliaDialString, toTeliaE164 } from './numbers';

export const NOT_CONTROLLABLE = 'Calls on a Telia line are answered and ended on the phone itself; the console cannot control them.';

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
  private activationProblem: string | undefined;
  private lastPoll: { at: number; error?: string } | undefined;
  private readonly seenRecordIds = new Set<string>();
  private checkTimer: unknown;
  private readonly expiryTimers = new Map<string, unknown>();
  private closing: Promise<void> = Promise.resolve();
  /** Bumped on every connect/disconnect so late answers of an old connection are ignored. */
  private epoch = 0;

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
    const epoch = ++this.epoch;
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
      if (numbers.length === 0) throw new Error('Telia lists no phone numbers for this account.');
      if (epoch !== this.epoch) return;
      for (const event of this.adapter.replaceLines(numbers)) this.host.emit(event);
      await this.refreshPhonebook().catch((error) => this.host.log.warn('telia: phonebook not read', { error: String(error) }));
      await this.mergeHistory(true).catch((error) => this.host.log.warn('telia: call history not read', { error: String(error) }));
      if (epoch !== this.epoch) return;
      if (this.config.notifications.mode === 'listen') await this.activateNotifications(epoch);
      this.host.factsChanged();
      this.scheduleCheck(epoch);
    } catch (error) {
      if (epoch === this.epoch) await this.disconnect();
      throw new Error(this.describe(error), { cause: error });
    }
  }

  async disconnect(): Promise<void> {
    this.epoch++;
    this.host.clock.clearTimeout(this.checkTimer);
    this.checkTimer = undefined;
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
          if (!line) return refused('That line is not connected.');
          const aNumber = toTeliaE164(line.number, line.country);
          if (!aNumber.ok) return refused(aNumber.error);
          const bNumber = toTeliaDialString(command.to, line.country);
          if (!bNumber.ok) return refused(bNumber.error);
          await this.call({ op: 'clickToCall', aNumber: aNumber.number, bNumber: bNumber.number });
          return { ok: true, notice: 'Ringing your phone…' };
        }
        case 'setCallerName': {
          const line = this.adapter.line(command.lineId);
          if (!line) return refused('That line is not connected.');
          const problem = phonebookNameProblem(command.name);
          if (problem) return refused(problem);
          const parts = command.name.trim().split(/\s+/);
          if (parts.length < 2) return refused('Telia needs a first and a last name, e.g. "Reception Nordvalgus".');
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
          return refused(`${this.label} cannot do that.`);
      }
    } catch (error) {
      if (error instanceof TeliaServiceError) return refused(error.message, error.code);
      return refused(this.describe(error));
    }
  }

  async searchDirectory(text: string, limit: number): Promise<DirectoryEntry[]> {
    return this.adapter.searchPhonebook(text, limit);
  }

  statusFacts(): { label: string; value: string }[] {
    const notifications = this.config.notifications;
    if (notifications.mode === 'poll') {
      const last = this.lastPoll;
      return [
        { label: 'Call alerts', value: `polling the call history every ${notifications.intervalSeconds ?? 20} s` },
        {
          label: 'Last poll',
          value: !last ? 'not yet' : last.error ? `failed at ${clockTime(last.at)}: ${last.error}` : `${clockTime(last.at)}`,
        },
      ];
    }
    const facts = [{ label: 'Notification URL', value: this.listener?.displayUrl ?? 'not listening' }];
    if (this.activationProblem) {
      facts.push({ label: 'Notifications', value: `not registered: ${this.activationProblem}` });
    } else if (this.activatedNumbers.length > 0) {
      const stats = this.listener?.stats;
      const heard = stats?.lastAcceptedAt
        ? `reachable: last notification at ${clockTime(stats.lastAcceptedAt)}`
        : 'registered; reachability not confirmed until the first notification arrives';
      const refusedCount = stats?.rejected ? `; ${stats.rejected} forged or malformed request(s) refused` : '';
      facts.push({ label: 'Notifications', value: `${heard}${refusedCount}` });
    }
    return facts;
  }

  // ----------------------------------------------------------------------

  private async call(request: TeliaRequest): Promise<TeliaResponse> {
    if (!this.client) throw new TeliaTransportError('Telia is not connected.');
    return this.client.call(request);
  }

  private async activateNotifications(epoch: number): Promise<void> {
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
        if (epoch === this.epoch) this.handleNotification(n, epoch);
      },
    });
    this.listener = listener;
    const url = await listener.start();
    this.activationProblem = undefined;
    for (const line of this.adapter.allLines()) {
      const aNumber = toTeliaE164(line.number, line.country);
      if (!aNumber.ok) {
        this.activationProblem = aNumber.error;
        continue;
      }
      try {
        await this.call({ op: 'activateNotification', aNumber: aNumber.number, targetUrl: url });
        if (epoch !== this.epoch) return;
        this.activatedNumbers.push(aNumber.number);
      } catch (error) {
        this.activationProblem = error instanceof Error ? error.message : String(error);
        this.host.log.warn('telia: activateNotification failed', { number: line.number, error: this.activationProblem });
      }
    }
  }

  private handleNotification(notification: TeliaNotification, epoch: number): void {
    const events = this.adapter.applyNotification(notification);
    if (events.length === 0) this.host.log.warn('telia: notification for a number that is not ours', { bnr: notification.bnr });
    for (const event of events) {
      this.host.emit(event);
      if (event.type === 'callUpserted') this.armExpiry(event.call.id, epoch);
      if (event.type === 'callEnded') this.clearExpiry(event.callId);
    }
    this.host.factsChanged();
  }

  /** A call Telia never reports the end of must not ring on screen forever. */
  private armExpiry(callId: string, epoch: number): void {
    if (this.expiryTimers.has(callId)) return;
    const seconds = this.config.notifications.mode === 'listen' ? (this.config.notifications.ringingTimeoutSeconds ?? 180) : 180;
    this.expiryTimers.set(
      callId,
      this.host.clock.setTimeout(() => {
        this.expiryTimers.delete(callId);
        if (epoch === this.epoch) for (const event of this.adapter.expire(callId)) this.host.emit(event);
      }, seconds * 1000),
    );
  }

  private clearExpiry(callId: string): void {
    this.host.clock.clearTimeout(this.expiryTimers.get(callId));
    this.expiryTimers.delete(callId);
  }

  private async refreshPhonebook(): Promise<void> {
    const { entries } = await this.call({ op: 'listPhoneBookEntries' });
    this.adapter.setPhonebook(entries);
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
  private scheduleCheck(epoch: number): void {
    const notifications = this.config.notifications;
    const seconds = notifications.mode === 'poll' ? (notifications.intervalSeconds ?? 20) : (this.config.checkSeconds ?? 60);
    this.checkTimer = this.host.clock.setTimeout(() => {
      if (epoch !== this.epoch) return;
      const check = notifications.mode === 'poll' ? this.mergeHistory(false) : this.call({ op: 'listOwnNumbers' }).then(() => undefined);
      check.then(
        () => {
          if (epoch !== this.epoch) return;
          if (notifications.mode === 'poll') {
            this.lastPoll = { at: this.host.clock.now() };
            this.host.factsChanged();
          }
          this.scheduleCheck(epoch);
        },
        (error) => {
          if (epoch !== this.epoch) return;
          const reason = this.describe(error);
          if (notifications.mode === 'poll') this.lastPoll = { at: this.host.clock.now(), error: reason };
          this.host.link({ type: 'lost', reason });
        },
      );
    }, seconds * 1000);
  }

  private describe(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
  }
}

function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString('en-GB');
}

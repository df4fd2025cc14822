/**
 * The demo PBX's Telia Smart calls front end: both SOAP endpoints over
 * HTTPS on loopback (self-signed certificate, pinned by the console), the
 * WS-Security UsernameToken check, Telia's ServiceError codes, a phonebook
 * store, call history from the switch, and incoming / missed call
 * notifications sent as HTTP GET to the URL each own number registered.
 *
 * Own numbers are the company's outside numbers; each rings a switch device
 * (the receptionist's desk phone). Telia cannot control calls, so in live
 * mode the desk phone answers some calls by itself and callers of the
 * others give up: those become missed calls.
 *
 * Notification types (the documents name only "Start"): Start+No when a
 * call starts ringing, Start+Yes when it is answered, End+Yes when an
 * answered call ends, Missed+No when it ends unanswered.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { phonebookNameProblem } from '../../../app/phonebook-text';
import type { Clock } from '../../../app/clock';
import type { Logger } from '../../core/log';
import type { Random } from '../shared/random';
import { type Switch, SwitchError, type LegView } from '../shared/switch';
import { onRequestBody } from '../shared/request-body';
import { createSelfSignedCertificate } from '../shared/self-signed-certificate';
import { readSoapRequest, SoapReadError } from '../shared/soap-envelope';
import { checkUsernameToken } from '../shared/ws-security-check';
import {
  callEventQuery,
  MissingElementError,
  readTeliaRequest,
  UnknownOperationError,
  writeTeliaResponse,
  writeUnreadableRequest,
  type CallDetailRecord,
  type CallEvent,
  type PhoneBookEntry,
  type PhoneBookEntryFields,
  type ServiceError,
  type TeliaAnswer,
  type TeliaRequest,
} from './wire';

export const SERVICES_PATH = '/external/services/index.php';
export const PHONEBOOK_PATH = '/external/phonebook/index.php';

export interface TeliaOwnNumber {
  /** National, as listOwnNumbers reports it (6403231). */
  number: string;
  /** The switch device it rings. */
  device: string;
}

export interface TeliaFrontEndOptions {
  switch: Switch;
  clock: Clock;
  /** Country calling code of the own numbers (E.164 without '+' = code + national). Default 372. */
  countryCode?: string;
  ownNumbers: TeliaOwnNumber[];
  username: string;
  password: string;
  phonebook?: PhoneBookEntryFields[];
  /** live: the desk phone answers some calls, other callers give up. */
  deskPhone?: { random: Random; answerChance: number };
  log?: Logger;
}

export type TeliaHttpFault = 'none' | 'status500' | 'garbage' | 'hang';

export interface TeliaFaults {
  /** The next `count` requests (default: all until 'none') get this answer. */
  setHttpFault(fault: TeliaHttpFault, count?: number): void;
  /** The account's password changes (the console's no longer works: ERR001). */
  setPassword(password: string): void;
}

/**
 * The document (4.1.2): the group administrator's user name and password in
 * the OASIS UsernameToken, and "WSS-Password Type must be PasswordText".
 */
const ACCEPTED_PASSWORD_TYPES = ['PasswordText'] as const;

interface TrackedLeg {
  ownNumber: TeliaOwnNumber;
  caller: string;
  name: string;
  startedTs: number;
  answered: boolean;
}

export class TeliaFrontEnd {
  private server: https.Server | undefined;
  private password: string;
  private httpFault: TeliaHttpFault = 'none';
  private faultCount = Infinity;
  private readonly phonebook = new Map<string, PhoneBookEntry>();
  private nextEntryId = 1;
  /** own number (E.164 without '+') → notification URL */
  private readonly targets = new Map<string, string>();
  private readonly legs = new Map<string, TrackedLeg>();
  private readonly recordIds = new Map<string, string>();
  private readonly timers = new Set<unknown>();
  private readonly unsubscribe: () => void;
  /** Caller of each incoming leg seen: the switch's history names the device itself once the caller has gone. */
  private readonly callerOfLeg = new Map<string, { number: string; name?: string }>();
  /** Notifications sent (tests read it), and failures to deliver them. */
  readonly sent: { url: string; notification: CallEvent; status: number | 'failed' }[] = [];
  /** The display name set for each own number (E.164 without '+'), as callees would see it. */
  readonly callerNames = new Map<string, string>();
  readonly requests: TeliaRequest['op'][] = [];
  readonly faults: TeliaFaults;

  constructor(private readonly options: TeliaFrontEndOptions) {
    this.password = options.password;
    for (const entry of options.phonebook ?? []) this.addEntry(entry);
    this.unsubscribe = options.switch.onChange((changes) => {
      for (const change of changes)
        if (change.kind === 'calls')
          this.followDevice(
            change.device,
            change.ended.map((e) => ({ ref: e.ref, last: e.last })),
          );
    });
    this.faults = {
      setHttpFault: (fault, count) => {
        this.httpFault = fault;
        this.faultCount = count ?? Infinity;
      },
      setPassword: (password) => {
        this.password = password;
      },
    };
  }

  async start(port = 0): Promise<{ host: string; port: number; servicesUrl: string; phonebookUrl: string; fingerprint256: string }> {
    // A certificate of its own each run (no key in the repository); the console pins its fingerprint.
    const certificate = createSelfSignedCertificate('telia-sim.localhost');
    const server = https.createServer({ cert: certificate.cert, key: certificate.key }, (req, res) => this.handle(req, res));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    const bound = (server.address() as AddressInfo).port;
    const base = `https://127.0.0.1:${bound}`;
    return {
      host: '127.0.0.1',
      port: bound,
      servicesUrl: base + SERVICES_PATH,
      phonebookUrl: base + PHONEBOOK_PATH,
      fingerprint256: certificate.fingerprint256,
    };
  }

  async stop(): Promise<void> {
    this.unsubscribe();
    for (const timer of this.timers) this.options.clock.clearTimeout(timer);
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Notification URLs registered now, by own number (E.164 without '+'). */
  registrations(): Record<string, string> {
    return Object.fromEntries(this.targets);
  }

  phonebookEntries(): PhoneBookEntry[] {
    return [...this.phonebook.values()];
  }

  /** A colleague adds an entry elsewhere (Telia's self-service, another console): the console hears nothing of it. */
  addPhonebookEntry(entry: PhoneBookEntryFields): PhoneBookEntry {
    return this.addEntry(entry);
  }

  // ------------------------------------------------------------------ HTTP

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = (req.url ?? '').split('?')[0];
    if (path !== SERVICES_PATH && path !== PHONEBOOK_PATH) return void res.writeHead(404).end();
    if (req.method !== 'POST') return void res.writeHead(405, { Allow: 'POST' }).end();
    onRequestBody(req, (body) => {
      if (this.httpFault !== 'none' && this.faultCount > 0) {
        const fault = this.httpFault;
        if (--this.faultCount <= 0) this.httpFault = 'none';
        if (fault === 'hang') return; // never answers; the client's time limit applies
        if (fault === 'status500')
          return void res.writeHead(500, { 'Content-Type': 'text/html' }).end('<html><body>Internal Server Error</body></html>');
        return void res.writeHead(200, { 'Content-Type': 'text/xml' }).end('<SOAP-ENV:Envelope><SOAP-ENV:Body><listOwnNumbersRes');
      }
      const xml = this.answer(body, path === PHONEBOOK_PATH);
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' }).end(xml);
    });
  }

  private answer(xml: string, phonebookEndpoint: boolean): string {
    let soap;
    let read;
    try {
      soap = readSoapRequest(xml);
      read = readTeliaRequest(soap);
    } catch (error) {
      if (error instanceof MissingElementError)
        return writeTeliaResponse(error.op, {
          error: { code: 'ERR002', message: error.message, description: 'Mandatory element missing' },
        });
      if (error instanceof SoapReadError || error instanceof UnknownOperationError) return writeUnreadableRequest(error.message);
      throw error;
    }
    const { request, endpoint } = read;
    this.requests.push(request.op);
    const token = checkUsernameToken(soap.headers, {
      username: this.options.username,
      password: this.password,
      accept: ACCEPTED_PASSWORD_TYPES,
      now: this.options.clock.now(),
    });
    if (!token.ok) {
      this.options.log?.debug('telia sim: UsernameToken refused', { reason: token.reason });
      return writeTeliaResponse(request.op, {
        error: { code: 'ERR001', message: 'Authentication failed', description: 'Account failure' },
      });
    }
    if ((endpoint === 'phonebook') !== phonebookEndpoint)
      return writeTeliaResponse(request.op, {
        error: { code: 'ERR003', message: 'Authorization Error', description: 'Requested operation is not permitted' },
      });
    try {
      return writeTeliaResponse(request.op, this.perform(request));
    } catch (error) {
      if (error instanceof TeliaSimError) return writeTeliaResponse(request.op, { error: error.serviceError });
      throw error;
    }
  }

  private perform(request: TeliaRequest): TeliaAnswer {
    switch (request.op) {
      case 'listOwnNumbers':
        return { numbers: this.options.ownNumbers.map((n) => n.number) };
      case 'clickToCall': {
        const own = this.ownByE164(request.aNumber);
        try {
          const ref = this.options.switch.makeCall(own.device, this.switchNumber(request.bNumber));
          const leg = this.options.switch
            .deviceView(own.device)
            .groups.map((g) => g.primary)
            .find((l) => l.ref === ref);
          if (leg?.state === 'failed') {
            this.options.switch.drop(own.device, ref);
            throw new SwitchError('reject', 'the call failed');
          }
        } catch (error) {
          if (error instanceof SwitchError) throw simError('ERR1001', 'Dialing Error', 'Call could not be made');
          throw error;
        }
        return {};
      }
      case 'activateNotification': {
        this.ownByE164(request.aNumber);
        if (!/^https?:\/\/[^\s]+$/.test(request.targetUrl))
          throw simError('ERR002', 'Missing Element: TargetURL', 'Mandatory element missing');
        this.targets.set(request.aNumber, request.targetUrl);
        return {};
      }
      case 'deactivateNotification':
        this.ownByE164(request.aNumber);
        this.targets.delete(request.aNumber);
        return {};
      case 'updateCallingLineNameIdentity':
        this.ownByE164(request.aNumber);
        if (phonebookNameProblem(`${request.firstName} ${request.lastName}`))
          throw simError('ERR1003', 'Unallowed Character', 'Request contained an unallowed Character.');
        this.callerNames.set(request.aNumber, `${request.firstName} ${request.lastName}`);
        return {};
      case 'getCallHistory':
        return { records: this.historyOf(this.ownByE164(request.aNumber)) };
      case 'listPhoneBookEntries':
        return { entries: this.phonebookEntries() };
      case 'AddEntry':
        this.checkEntry(request.entry.displayName);
        this.addEntry(request.entry);
        return {};
      case 'updateEntry':
        if (!this.phonebook.has(request.entry.id))
          throw simError('ERR1002', 'Unknown ID', 'In operation a nonexistent element ID was used');
        this.checkEntry(request.entry.displayName);
        this.phonebook.set(request.entry.id, { ...request.entry });
        return {};
      case 'deleteEntry':
        if (!this.phonebook.delete(request.id)) throw simError('ERR1002', 'Unknown ID', 'In operation a nonexistent element ID was used');
        return {};
    }
  }

  private checkEntry(name: string): void {
    if (phonebookNameProblem(name))
      throw simError('ERR1003', 'Unallowed Character', 'Request contained an unallowed Character. Probably in the name field.');
  }

  private addEntry(entry: PhoneBookEntryFields): PhoneBookEntry {
    const id = String(this.nextEntryId++);
    const added = { ...entry, id };
    this.phonebook.set(id, added);
    return added;
  }

  private get countryCode(): string {
    return this.options.countryCode ?? '372';
  }

  /** An Anumber must be E.164 without '+' (the documents' most common mistake, they say). */
  private ownByE164(aNumber: string): TeliaOwnNumber {
    const own = this.options.ownNumbers.find((n) => this.countryCode + n.number === aNumber);
    if (!own) throw simError('ERR003', 'Authorization Error', 'Requested operation is not permitted');
    return own;
  }

  /** Telia numbers (E.164 without '+', or short) → the switch's numbering ('+…' outside, extensions as is). */
  private switchNumber(number: string): string {
    const digits = number.replace(/^\+/, '');
    return digits.length >= 9 ? `+${digits}` : digits;
  }

  /** The switch's numbers → Telia's (E.164 without '+'). */
  private teliaNumber(number: string): string {
    return number.replace(/^\+/, '');
  }

  private historyOf(own: TeliaOwnNumber): CallDetailRecord[] {
    const ownE164 = this.countryCode + own.number;
    return this.options.switch.history(own.device).map((record) => {
      let id = this.recordIds.get(record.ref);
      if (!id) {
        id = String(50762615 + this.recordIds.size);
        this.recordIds.set(record.ref, id);
      }
      const party = this.callerOfLeg.get(record.ref) ?? record.other;
      const other = this.teliaNumber(party.number);
      const cdr: CallDetailRecord = {
        id,
        callingNumber: record.isOutgoing ? ownE164 : other,
        calledNumber: record.isOutgoing ? other : ownE164,
        answered: record.wasConnected,
        direction: record.isOutgoing ? 'Originating' : 'Terminating',
        startTime: localIso(record.startedAt),
        releaseTime: localIso(record.endedAt),
      };
      const name = this.nameFor(party.number) ?? party.name;
      if (name) cdr.otherPartyName = name;
      if (record.wasConnected) cdr.answerTime = localIso(record.startedAt + record.alertingMs);
      return cdr;
    });
  }

  /** The phonebook names incoming callers ("Calling Party Name Identity"). */
  private nameFor(number: string): string | undefined {
    const digits = this.teliaNumber(number);
    for (const entry of this.phonebook.values()) {
      for (const candidate of [entry.phoneNumber1, entry.phoneNumber2]) {
        if (!candidate) continue;
        const c = candidate.replace(/^\+/, '');
        if (c === digits || this.countryCode + c === digits) return entry.displayName;
      }
    }
    return undefined;
  }

  // ---------------------------------------------------------- notifications

  /** Reads the device's calls after a switch change; sends what changed for its own number. */
  private followDevice(device: string, ended: { ref: string; last: LegView }[]): void {
    const own = this.options.ownNumbers.find((n) => n.device === device);
    if (!own) return;
    const now = Math.floor(this.options.clock.now() / 1000);
    const view = this.options.switch.deviceView(device);
    for (const leg of view.groups.flatMap((g) => [g.primary, g.consultation]).filter((l): l is LegView => l !== undefined)) {
      if (leg.isOutgoing) continue;
      const tracked = this.legs.get(leg.ref);
      if (!tracked && leg.state === 'alerting') {
        const caller = leg.other.withheld ? '' : this.teliaNumber(leg.other.number);
        const name = this.nameFor(leg.other.number) ?? leg.other.name ?? '';
        const entry: TrackedLeg = { ownNumber: own, caller, name, startedTs: now, answered: false };
        this.callerOfLeg.set(leg.ref, { number: leg.other.number, name: leg.other.name });
        this.legs.set(leg.ref, entry);
        this.notify(entry, now, 'Start', false);
        this.planDeskPhone(device, leg);
      } else if (tracked && !tracked.answered && leg.state === 'connected') {
        tracked.answered = true;
        this.notify(tracked, now, 'Start', true);
      }
    }
    for (const end of ended) {
      const tracked = this.legs.get(end.ref);
      if (!tracked) continue;
      this.legs.delete(end.ref);
      this.notify(tracked, now, tracked.answered ? 'End' : 'Missed', tracked.answered);
    }
  }

  private notify(leg: TrackedLeg, ts: number, type: string, answered: boolean): void {
    const ownE164 = this.countryCode + leg.ownNumber.number;
    const url = this.targets.get(ownE164);
    if (!url) return;
    const notification: CallEvent = { ts, anr: leg.caller, bnr: ownE164, fn: leg.name, type, answered };
    const target = `${url}${url.includes('?') ? '&' : '?'}${callEventQuery(notification)}`;
    const record: (typeof this.sent)[number] = { url, notification, status: 'failed' };
    this.sent.push(record);
    const lib = target.startsWith('https:') ? https : http;
    const request = lib.get(target, { timeout: 5000 }, (res) => {
      record.status = res.statusCode ?? 0;
      res.resume();
    });
    request.on('timeout', () => request.destroy());
    request.on('error', (error) => this.options.log?.debug('telia sim: notification not delivered', { error: error.message }));
  }

  /** Live demo: the desk phone answers some calls (and hangs up later); other callers give up. */
  private planDeskPhone(device: string, leg: LegView): void {
    const desk = this.options.deskPhone;
    if (!desk) return;
    const later = (seconds: number, action: () => void) => {
      const handle = this.options.clock.setTimeout(
        () => {
          this.timers.delete(handle);
          try {
            action();
          } catch (error) {
            if (!(error instanceof SwitchError)) throw error;
          }
        },
        Math.round(seconds * 1000),
      );
      this.timers.add(handle);
    };
    if (desk.random.chance(desk.answerChance)) {
      later(desk.random.between(3, 6), () => {
        this.options.switch.answer(device, leg.ref);
        later(desk.random.between(15, 40), () => this.options.switch.drop(device, leg.ref));
      });
    } else {
      later(desk.random.between(8, 14), () => this.options.switch.hangUpRemote(leg.ref));
    }
  }
}

class TeliaSimError extends Error {
  constructor(readonly serviceError: ServiceError) {
    super(serviceError.message);
  }
}

function simError(code: string, message: string, description: string): TeliaSimError {
  return new TeliaSimError({ code, message, description });
}

/** Telia writes times without a zone (local time). */
function localIso(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

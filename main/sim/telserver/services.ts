/**
 * Executes one TelServices request on the switch and says what to answer.
 * Transport, PBX-link state and faults are the server's business; this
 * module knows the services: which need a session, how each maps onto a
 * switch operation, and which TelServer error a refusal becomes.
 */
import type { Contact } from '../shared/directory';
import type { ErrorCode, WireParty, SimRequest, ServiceName, SimResult, SimReturn } from './messages';
import { SwitchError, type DeviceView, type LegView, type Switch } from '../shared/switch';
import { searchName, searchNumber } from './search';
import type { SessionClient, SessionTable } from './sessions';
import { totalStatistics } from './statistics';
import { isRequestableAgentState, localDate, tsAgentInfo, tsCallInfo, tsHistoryRecord, tsParty } from './views';

export interface ServiceContext {
  switch: Switch;
  sessions: SessionTable;
  /** TCP peer address of the request (the session client's address). */
  peerAddress: string;
  now(): number;
  /** When the front end started: user statistics count from here. */
  startedAt: number;
  /** Runs `fn` after `ms` on the server's clock (delayed closeSession). */
  later(fn: () => void, ms: number): void;
}

/** Services the document marks "requires an opened session". */
const NEEDS_SESSION: ReadonlySet<ServiceName> = new Set<ServiceName>([
  'addPartyToCall',
  'agentState',
  'alternateCall',
  'answerCall',
  'conferenceCall',
  'consultationCall',
  'divertCall',
  'dropCall',
  'holdCall',
  'qualifyCall',
  'queryAgentState',
  'reconnectCall',
  'retrieveCall',
  'snapshot',
  'transferCall',
]);

const STANDARD: SimReturn = { kind: 'result', result: { type: 'standard' } };

const fail = (error: ErrorCode): SimReturn => ({ kind: 'error', error });
const ok = (result: SimResult): SimReturn => ({ kind: 'result', result });

/** The switch is the PBX here: its refusals are the PBX's (pbxReject), "nothing in that state" is noCall. */
const SWITCH_ERRORS: Record<SwitchError['code'], ErrorCode> = { noCall: 'noCall', reject: 'pbxReject', unknownDevice: 'pbxReject' };

export function executeRequest(req: SimRequest, ctx: ServiceContext): SimReturn {
  const device = 'deviceNumber' in req ? req.deviceNumber : undefined;
  if (device !== undefined) ctx.sessions.activity(device);
  const service = req.type === 'notSimulated' ? req.service : req.type;
  if (NEEDS_SESSION.has(service) && (device === undefined || !ctx.sessions.get(device))) return fail('noOpenSession');
  try {
    return execute(req, ctx);
  } catch (error) {
    if (error instanceof SwitchError) return fail(SWITCH_ERRORS[error.code]);
    throw error;
  }
}

function execute(req: SimRequest, ctx: ServiceContext): SimReturn {
  const sw = ctx.switch;
  switch (req.type) {
    case 'openSession': {
      if (!sw.hasDevice(req.deviceNumber)) return fail('pbxReject');
      const client: SessionClient = { address: ctx.peerAddress, restricted: req.eventUpdate === 'restricted' };
      if (req.eventUDPPort !== undefined) client.udpPort = req.eventUDPPort;
      const refused = ctx.sessions.open({
        device: req.deviceNumber,
        client,
        password: req.userPassword,
        timeoutSeconds: req.sessionTimeout,
      });
      return refused ? fail(refused) : STANDARD;
    }
    case 'closeSession': {
      if (!ctx.sessions.get(req.deviceNumber)) return fail('noOpenSession');
      const close = () => ctx.sessions.close(req.deviceNumber, ctx.peerAddress, req.clientOnly === false);
      if (req.actualCloseSessionTimeout && req.actualCloseSessionTimeout > 0) ctx.later(close, req.actualCloseSessionTimeout * 1000);
      else close();
      return STANDARD;
    }
    case 'makeCall':
      sw.makeCall(req.deviceNumber, req.calledDeviceNumber);
      return STANDARD;
    case 'answerCall':
      sw.answer(
        req.deviceNumber,
        req.callingNumber ? legWith(sw.deviceView(req.deviceNumber), req.callingNumber, ['alerting']) : undefined,
      );
      return STANDARD;
    case 'dropCall':
      sw.drop(req.deviceNumber, callToDrop(sw.deviceView(req.deviceNumber), req.otherNumber));
      return STANDARD;
    case 'holdCall':
      sw.hold(req.deviceNumber, req.otherNumber ? legWith(sw.deviceView(req.deviceNumber), req.otherNumber, ['connected']) : undefined);
      return STANDARD;
    case 'retrieveCall':
      sw.retrieve(req.deviceNumber, req.otherNumber ? legWith(sw.deviceView(req.deviceNumber), req.otherNumber, ['hold']) : undefined);
      return STANDARD;
    case 'consultationCall':
      sw.consult(
        req.deviceNumber,
        req.consultedDeviceNumber,
        req.otherNumber ? legWith(sw.deviceView(req.deviceNumber), req.otherNumber, ['connected', 'hold']) : undefined,
      );
      return STANDARD;
    // prim/secOtherNumber only name the two calls; a device has at most one such pair to act on.
    case 'transferCall':
      sw.transfer(req.deviceNumber);
      return STANDARD;
    case 'conferenceCall':
      sw.conference(req.deviceNumber);
      return STANDARD;
    case 'alternateCall':
      sw.alternate(req.deviceNumber);
      return STANDARD;
    case 'reconnectCall':
      sw.reconnect(req.deviceNumber);
      return STANDARD;
    case 'divertCall':
      sw.divert(
        req.deviceNumber,
        req.divertedDeviceNumber,
        req.otherNumber ? legWith(sw.deviceView(req.deviceNumber), req.otherNumber, ['alerting', 'connected']) : undefined,
      );
      return STANDARD;
    case 'addPartyToCall':
      sw.addParty(
        req.deviceNumber,
        req.addedDeviceNumber,
        req.otherNumber ? legWith(sw.deviceView(req.deviceNumber), req.otherNumber, ['connected', 'hold']) : undefined,
      );
      return STANDARD;
    case 'qualifyCall': {
      const view = sw.deviceView(req.deviceNumber);
      const ringing = allLegs(view).find((l) => l.state === 'alerting');
      if (!ringing) return fail('noCall');
      const caller = tsParty(ringing.other, ringing.ref);
      if (req.answerCall !== false) sw.answer(req.deviceNumber, ringing.ref);
      const result: SimResult = { type: 'qualifyCall', number: caller.number };
      if (req.needName !== false && caller.name) result.name = caller.name;
      return ok(result);
    }
    case 'forward':
      sw.setForward(req.deviceNumber, req.info.type, req.info.number, req.info.state === 'on');
      return STANDARD;
    case 'doNotDisturb':
      sw.setDnd(req.deviceNumber, req.state === 'on');
      return STANDARD;
    case 'agentState':
      if (!isRequestableAgentState(req.state)) return fail('reject');
      sw.setAgentState(req.deviceNumber, req.state);
      return STANDARD;
    case 'queryForward':
      return ok({ type: 'forwards', forwards: forwardsOf(sw.deviceView(req.deviceNumber)) });
    case 'queryDoNotDisturb':
      return ok({ type: 'doNotDisturb', state: sw.deviceView(req.deviceNumber).dnd ? 'on' : 'off' });
    case 'queryMsgWaiting':
      return ok({ type: 'msgWaiting', state: sw.deviceView(req.deviceNumber).messageWaiting ? 'on' : 'off' });
    case 'queryAgentState':
      return ok({ type: 'agent', agent: tsAgentInfo(sw.deviceView(req.deviceNumber).agentState) });
    case 'snapshot': {
      // resultOnEvent (HTTP long polling) does not apply over TCP: always answer at once.
      const view = sw.deviceView(req.deviceNumber);
      const session = ctx.sessions.get(req.deviceNumber);
      if (!session) return fail('noOpenSession');
      const now = ctx.now();
      const snapshot = {
        calls: session.calls.compose(view).map((call) => tsCallInfo(call, now)),
        forwards: forwardsOf(view),
        msgWaiting: view.messageWaiting ? ('on' as const) : ('off' as const),
        doNotDisturb: view.dnd ? ('on' as const) : ('off' as const),
        ...(view.agentState === 'null' ? {} : { agent: tsAgentInfo(view.agentState) }),
      };
      return ok({ type: 'snapshot', snapshot });
    }
    case 'queryHistory':
      return queryHistory(req, ctx);
    case 'searchName':
      return ok({
        type: 'searchDirectory',
        parties: searchName(sw.directory.entries(req.userID ?? req.deviceNumber), req.name, req.limit).map(contactToParty),
      });
    case 'searchNumber':
      return ok({
        type: 'searchDirectory',
        parties: searchNumber(sw.directory.entries(req.userID ?? req.deviceNumber), req.number).map(contactToParty),
      });
    case 'updateUserDirectory': {
      const owner = req.userID ?? req.deviceNumber;
      if (!owner || !req.directoryName) return fail('reject');
      const contacts: Contact[] = req.parties.map((p) => ({
        number: p.number,
        name: p.name ?? '',
        company: p.company,
        numberType: p.numberType,
      }));
      sw.directory.replacePersonal(owner, req.directoryName, contacts);
      return STANDARD;
    }
    case 'queryUserStatistics': {
      if (!sw.hasDevice(req.deviceNumber)) return fail('reject');
      const { agentState } = sw.deviceView(req.deviceNumber);
      if (req.statisticsType === 'snapshot') {
        return ok({ type: 'userStatistics', statistics: { kind: 'snapshot', ...(agentState === 'null' ? {} : { agentState }) } });
      }
      const fields = totalStatistics(sw.history(req.deviceNumber), ctx.startedAt, agentState !== 'null');
      return ok({ type: 'userStatistics', statistics: { kind: 'total', fields } });
    }
    // Routing points and the shared directory (supervisor services) are not simulated.
    case 'notSimulated':
      return fail('reject');
  }
}

function queryHistory(req: Extract<SimRequest, { type: 'queryHistory' }>, ctx: ServiceContext): SimReturn {
  const sw = ctx.switch;
  const device = req.deviceNumber ?? req.userID;
  if (!device || !sw.hasDevice(device) || req.recordType === 'agent') return ok({ type: 'history', records: [] });
  const search = req.search?.toLowerCase();
  const startHour = req.startDate && req.startHour !== undefined ? req.startHour : 0;
  const records = sw
    .history(device)
    .filter((r) => {
      const date = localDate(r.startedAt);
      if (req.startDate && (date < req.startDate || (date === req.startDate && new Date(r.startedAt).getHours() < startHour))) return false;
      if (req.endDate && date > req.endDate) return false;
      if (search && !`${r.other.number} ${r.other.name ?? ''} ${r.other.company ?? ''}`.toLowerCase().includes(search)) return false;
      return true;
    })
    .reverse();
  const limited = req.limit !== undefined && req.limit > 0 ? records.slice(0, req.limit) : records;
  return ok({ type: 'history', records: limited.map((r) => tsHistoryRecord(device, r)) });
}

function allLegs(view: DeviceView): LegView[] {
  return view.groups.flatMap((g) => (g.consultation ? [g.primary, g.consultation] : [g.primary]));
}

/** The ref of the device's leg talking to `otherNumber` (in one of `states`); noCall when there is none. */
function legWith(view: DeviceView, otherNumber: string, states?: LegView['state'][]): string {
  const leg = allLegs(view).find((l) => talksTo(l, otherNumber) && (!states || states.includes(l.state)));
  if (!leg) throw new SwitchError('noCall', `No call with ${otherNumber} at ${view.number}`);
  return leg.ref;
}

/**
 * "This will drop the call currently connected": the one the device talks
 * on or is dialing, never a ringing call and never a held one while another
 * is current (a held call alone may be dropped, as its permittedServices
 * say). `otherNumber` names that call; naming any other one is noCall.
 */
function callToDrop(view: DeviceView, otherNumber: string | undefined): string {
  const legs = allLegs(view);
  const current = legs.filter((l) => l.state !== 'hold' && l.state !== 'alerting' && l.state !== 'queued');
  const candidates = current.length > 0 ? current : legs.filter((l) => l.state === 'hold');
  const leg = otherNumber === undefined ? candidates[0] : candidates.find((l) => talksTo(l, otherNumber));
  if (!leg) throw new SwitchError('noCall', `No connected call${otherNumber ? ` with ${otherNumber}` : ''} at ${view.number}`);
  return leg.ref;
}

function talksTo(leg: LegView, otherNumber: string): boolean {
  return leg.other.number === otherNumber || tsParty(leg.other, leg.ref).number === otherNumber;
}

function forwardsOf(view: DeviceView) {
  return view.forwards.map((f) => ({ number: f.to, type: f.type, state: 'on' as const }));
}

function contactToParty(contact: Contact): WireParty {
  const party: WireParty = { number: contact.number, name: contact.name };
  if (contact.numberType) party.numberType = contact.numberType;
  if (contact.company) party.company = contact.company;
  return party;
}

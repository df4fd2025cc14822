/**
 * The switch's views in TelServer's words: a device's calls as <call> elements
 * with their permittedServices, forwards, agent info and history records.
 * Pure functions; the permitted services follow the document's examples.
 */
import type { AgentState } from '../../../app/model';
import type { WireAgent, AgentStateName, WireCall, WireCallLeg, Cause, WireHistoryRecord, WireParty, Service } from './messages';
import type { PartyView } from '../shared/directory';
import type { EndCause, HistoryRecord, LegView } from '../shared/switch';
import type { TelServerCall } from './calls';

/** TelServer shows a withheld number as '*****-<call reference>'. */
export function tsParty(party: PartyView, callReference: string): WireParty {
  const out: WireParty = { number: party.withheld ? `*****-${callReference}` : party.number };
  if (party.name) out.name = party.name;
  if (party.company) out.company = party.company;
  if (party.numberType) out.numberType = party.numberType;
  return out;
}

export function tsLeg(leg: LegView, now: number): WireCallLeg {
  const out: WireCallLeg = {
    state: leg.state,
    otherParty: tsParty(leg.other, leg.ref),
    duration: leg.connectedAt === undefined ? 0 : Math.max(0, Math.floor((now - leg.connectedAt) / 1000)),
    isOutgoing: leg.isOutgoing,
    isConference: leg.isConference,
    callReference: leg.ref,
  };
  // otherParty is the first member; the others are the "added" parties.
  if (leg.isConference) out.addedParties = leg.conferenceMembers.slice(1).map((p) => tsParty(p, leg.ref));
  if (leg.firstCalled) out.firstCalledParty = tsParty(leg.firstCalled, leg.ref);
  if (leg.lastRedirection) out.lastRedirectionParty = tsParty(leg.lastRedirection, leg.ref);
  if (leg.cause) out.cause = leg.cause;
  return out;
}

/**
 * What the device may do with this <call> now. The document's examples fix:
 * alerting → answer, divert; connected → hold, drop, divert, consult;
 * held + consultation dialing → drop, reconnect; + delivered → also
 * transfer; + connected → drop, hold, reconnect, alternate, transfer,
 * conference. A second call ringing (call waiting) adds answer and divert
 * to what the other call allows, but for consultation. The rest follows the switch's rules (held
 * alone → retrieve, drop; failed / dialing → drop; a conference cannot be
 * diverted). A call queued here allows nothing until it rings.
 */
export function permittedServices(call: TelServerCall): Service[] {
  const { primary, secondary } = call;
  if (!secondary) return servicesAlone(primary);
  const ringing = [primary, secondary].filter((l) => l.state === 'alerting');
  if (ringing.length > 0) {
    const other = [primary, secondary].find((l) => !ringing.includes(l));
    // No consultation while a call waits: it would be the device's third call, and the waiting one would have to leave this <call>.
    const rest = other ? servicesAlone(other).filter((s) => s !== 'consultationCall') : [];
    return [...new Set<Service>(['answerCall', 'divertCall', ...rest])];
  }
  const held = [primary, secondary].filter((l) => l.state === 'hold');
  if (held.length === 2) return ['retrieveCall', 'dropCall'];
  if (held.length === 0) return ['dropCall'];
  const other = held[0] === primary ? secondary : primary;
  switch (other.state) {
    case 'connected':
      return ['dropCall', 'holdCall', 'reconnectCall', 'alternateCall', 'transferCall', 'conferenceCall'];
    case 'delivered':
      return ['dropCall', 'reconnectCall', 'transferCall'];
    case 'alerting':
    case 'failed':
    case 'hold':
    case 'initiated':
    case 'originated':
    case 'queued':
      return ['dropCall', 'reconnectCall'];
  }
}

function servicesAlone(leg: LegView): Service[] {
  switch (leg.state) {
    case 'alerting':
      return ['answerCall', 'divertCall'];
    // Queued here: the PBX rings the phone when its turn comes; nothing to do with it before.
    case 'queued':
      return [];
    case 'connected':
      return leg.isConference ? ['holdCall', 'dropCall', 'consultationCall'] : ['holdCall', 'dropCall', 'divertCall', 'consultationCall'];
    case 'hold':
      return ['retrieveCall', 'dropCall'];
    case 'delivered':
    case 'failed':
    case 'initiated':
    case 'originated':
      return ['dropCall'];
  }
}

export function tsCallInfo(call: TelServerCall, now: number): WireCall {
  const info: WireCall = { id: call.id, primCall: tsLeg(call.primary, now), permittedServices: permittedServices(call) };
  if (call.secondary) info.secCall = tsLeg(call.secondary, now);
  // The document: extraData "may be used to carry the 'called number' … for Delivered and Queued events".
  const queued = [call.primary, call.secondary].find((l) => l?.state === 'queued' && l.queue);
  if (queued?.queue) info.extraData = queued.queue.number;
  return info;
}

/** The last event of a call group: its primary leg as last sent, now 'cleared'. */
export function tsClearedCallInfo(lastSent: WireCall, endCause: EndCause | undefined): WireCall {
  const info: WireCall = { id: lastSent.id, permittedServices: [] };
  if (lastSent.primCall) {
    // The cause is why it ended, not the one of its previous change.
    info.primCall = { ...lastSent.primCall, state: 'cleared' };
    delete info.primCall.cause;
    const cause = endCause && endCause !== 'normal' ? (endCause as Cause) : undefined;
    if (cause) info.primCall.cause = cause;
  }
  return info;
}

const REQUESTABLE_AGENT_STATES: readonly AgentStateName[] = ['loggedOff', 'loggedOn', 'notReady', 'ready', 'workingAfterCall'];

export function tsAgentInfo(state: AgentState): WireAgent {
  return { state, permittedStates: REQUESTABLE_AGENT_STATES.filter((s) => s !== state) };
}

export function isRequestableAgentState(state: AgentStateName): boolean {
  return REQUESTABLE_AGENT_STATES.includes(state);
}

/** A history record with the server's local date and time, as TelServer writes them. */
export function tsHistoryRecord(device: string, record: HistoryRecord): WireHistoryRecord {
  const out: WireHistoryRecord = {
    deviceNumber: device,
    creationDate: localDate(record.startedAt),
    creationTime: localTime(record.startedAt),
    otherParty: tsParty(record.other, record.ref),
    alertingDuration: Math.round(record.alertingMs / 1000),
    duration: Math.round(record.connectedMs / 1000),
    isOutgoing: record.isOutgoing,
    isConnected: record.wasConnected,
    cause: record.endCause,
  };
  return out;
}

export function localDate(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function localTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

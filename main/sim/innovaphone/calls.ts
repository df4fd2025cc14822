/**
 * Switch legs as innovaphone CallInfo records: the state bit field (from
 * the PBX's point of view: a call it sends to the phone is "outbound"),
 * the No records (peer, leg2, leg2orig, ct) and the conference id.
 */
import type { PartyView } from '../shared/directory';
import type { LegView } from '../shared/switch';
import type { CallInfoRecord, NoRecord } from './records';

/** CallInfo.state, low nibble (mask 0xF), from the API document's table. */
export const CALL_PHASE = {
  setup: 1,
  setupAck: 2,
  callProc: 3,
  alert: 4,
  connect: 5,
  disconnectSent: 6,
  disconnectReceived: 7,
  parked: 8,
} as const;
/** 0x80: a call the PBX sends to the phone (the document: "PBX-centric, not terminal centric"). */
export const STATE_OUTBOUND = 0x80;
/** 0x100: call on hold. */
export const STATE_HELD = 0x100;
/** 0x200: active call put on hold by peer. */
export const STATE_HELD_BY_PEER = 0x200;

export function callStateOf(leg: LegView): number {
  const outbound = leg.isOutgoing ? 0 : STATE_OUTBOUND;
  if (leg.parked) return CALL_PHASE.parked | outbound;
  switch (leg.state) {
    case 'initiated':
      return CALL_PHASE.setup | outbound;
    case 'originated':
      return CALL_PHASE.callProc | outbound;
    case 'delivered':
    case 'queued':
    case 'alerting':
      return CALL_PHASE.alert | outbound;
    case 'connected':
      return CALL_PHASE.connect | outbound | (leg.heldByPeer ? STATE_HELD_BY_PEER : 0);
    case 'hold':
      return CALL_PHASE.connect | outbound | STATE_HELD;
    case 'failed':
      return CALL_PHASE.disconnectReceived | outbound;
  }
}

function no(type: string, party: PartyView): NoRecord {
  const cn = party.internal && party.name ? party.name : '';
  return { type, cn, e164: party.number, h323: '', dn: party.name ?? '' };
}

/**
 * Call handles belong to a session, as on a real PBX: the same switch leg
 * has a different handle in every session, so a client that keeps call ids
 * across a rebuilt session cannot rely on handles.
 */
const HANDLES_PER_SESSION = 1_000_000;

export function callHandleOf(sessionId: number, ref: string): number {
  return sessionId * HANDLES_PER_SESSION + Number(ref);
}

/** The switch leg ref a call handle of any session stands for. */
export function legRefOf(handle: number): string {
  return String(handle % HANDLES_PER_SESSION);
}

export function callInfoOf(userHandle: number, leg: LegView, msg: string, callHandle = Number(leg.ref)): CallInfoRecord {
  const records: NoRecord[] = [no('peer', leg.other)];
  if (leg.lastRedirection) records.push(no(leg.cause === 'transfer' ? 'ct' : 'leg2', leg.lastRedirection));
  if (leg.firstCalled) records.push(no('leg2orig', leg.firstCalled));
  return {
    user: userHandle,
    call: callHandle,
    reg: 0,
    active: true,
    state: callStateOf(leg),
    msg,
    no: records,
    info: [{ type: 'conf', vals: `c0nf${leg.ref.padStart(28, '0')}`, vali: 0 }],
  };
}

export function endedCallInfo(userHandle: number, leg: LegView, callHandle: number): CallInfoRecord {
  return { ...callInfoOf(userHandle, leg, 'r-rel', callHandle), active: false, info: [{ type: 'cause', vals: '', vali: 16 }] };
}

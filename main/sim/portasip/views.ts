/**
 * The switch's legs in PortaSIP's words: each device leg is one call dialog
 * as that extension's UA sees it (a SIPCallInfo). Pure functions.
 */
import type { PartyView } from '../shared/directory';
import type { LegQueueView, LegState, LegView } from '../shared/switch';
import type { SIPCallInfo, SipCallQueueStateInfo, SipCallState, SipCallerInfo } from './wire';

export const SIM_TRANSPORT_ID = '127.0.0.1:5060';
const CALL_ID_SUFFIX = '@sim.portasip';

/**
 * The demo's PortaSwitch account ID of an extension: as in PortaBilling, a
 * phone number (PIN), not the short extension number (1100 → 37255501100).
 * originate_advanced_call charges the account its bill_id names.
 */
export function accountIdOf(extension: string): string {
  return `3725550${extension}`;
}

/** A leg's dialog identifier; the ref is recoverable from it. */
export function dialogOf(ref: string): { id: string; tag: string } {
  return { id: `${ref}${CALL_ID_SUFFIX}`, tag: `t${ref}` };
}

export function refOf(call: { id?: unknown; tag?: unknown } | undefined): string | undefined {
  if (!call || typeof call.id !== 'string' || !call.id.endsWith(CALL_ID_SUFFIX)) return undefined;
  const ref = call.id.slice(0, -CALL_ID_SUFFIX.length);
  return call.tag === `t${ref}` ? ref : undefined;
}

/** "YYYY-MM-DD hh:mm:ss" (UTC), as the document prints times. */
export function portaTime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ');
}

function stateOf(leg: LegView): SipCallState {
  const map: Record<LegState, SipCallState> = {
    initiated: 'trying',
    originated: 'trying',
    delivered: 'ringing',
    queued: 'queued',
    alerting: 'ringing',
    connected: 'connected',
    hold: 'holding',
    failed: 'terminated',
  };
  if (leg.state === 'connected' && leg.heldByPeer) return 'held';
  return map[leg.state];
}

export function extensionParty(number: string, name: string, centrexId: string, forwarders: string[] = []): SipCallerInfo {
  return {
    account_id: accountIdOf(number),
    extension_id: number,
    id: number,
    display_id: number,
    display_name: name,
    centrex_id: centrexId,
    forwarder_list: forwarders,
  };
}

function otherParty(party: PartyView, centrexId: string): SipCallerInfo {
  if (party.withheld) return { id: 'anonymous', display_id: 'anonymous', forwarder_list: [] };
  const out: SipCallerInfo = { id: party.number, display_id: party.number, forwarder_list: [] };
  if (party.name) out.display_name = party.name;
  if (party.internal) {
    out.account_id = accountIdOf(party.number);
    out.extension_id = party.number;
    out.centrex_id = centrexId;
  }
  return out;
}

/** One device leg as the device's UA sees it. */
export function callInfoOf(device: { number: string; name: string }, leg: LegView, centrexId: string, now: number): SIPCallInfo {
  const own = extensionParty(
    device.number,
    device.name,
    centrexId,
    leg.lastRedirection && !leg.isOutgoing ? [leg.lastRedirection.number] : [],
  );
  // A call queue belongs to a hunt group: calls through it happen on the group's behalf.
  if (leg.queue) own.huntgroup_id = leg.queue.number;
  const other = otherParty(leg.other, centrexId);
  const info: SIPCallInfo = {
    call: dialogOf(leg.ref),
    caller: leg.isOutgoing ? own : other,
    callee: leg.isOutgoing ? other : own,
    state: stateOf(leg),
    type: leg.isOutgoing ? 'outgoing' : 'incoming',
    transport_id: SIM_TRANSPORT_ID,
  };
  if (leg.connectedAt !== undefined) info.connect_time = portaTime(leg.connectedAt);
  else info.start_time = portaTime(leg.createdAt);
  if (info.state === 'queued' && leg.queue) info.queue_info = queueInfoOf(leg.queue);
  if (info.state === 'terminated') {
    info.duration = 0;
    info.reason = leg.cause ?? 'failed';
    info.reason_code = null;
  }
  void now;
  return info;
}

/** SipCallQueueStateInfo of a leg that waits in (position) or came through a queue. */
export function queueInfoOf(queue: LegQueueView): SipCallQueueStateInfo {
  const info: SipCallQueueStateInfo = { i_c_queue: Number(queue.id), operators: queue.operators };
  if (queue.position !== undefined) info.position = queue.position;
  return info;
}

/**
 * The notification a caller's dialog sends when the queue hands it over
 * (to this extension, which then rings): state dequeued, the queue's info
 * without a position.
 */
export function dequeuedInfoOf(
  device: { number: string; name: string },
  leg: LegView,
  centrexId: string,
  now: number,
): SIPCallInfo | undefined {
  if (!leg.queue) return undefined;
  const info = callInfoOf(device, leg, centrexId, now);
  info.state = 'dequeued';
  const { position: _position, ...queue } = leg.queue;
  info.queue_info = queueInfoOf(queue);
  return info;
}

/** The last notification of a leg that ended. */
export function terminatedInfoOf(
  device: { number: string; name: string },
  last: LegView,
  reason: string,
  centrexId: string,
  now: number,
): SIPCallInfo {
  const info = callInfoOf(device, last, centrexId, now);
  info.state = 'terminated';
  delete info.queue_info;
  delete info.start_time;
  delete info.connect_time;
  info.duration = last.connectedAt === undefined ? 0 : Math.max(0, Math.floor((now - last.connectedAt) / 1000));
  info.reason = reason;
  info.reason_code = null;
  return info;
}

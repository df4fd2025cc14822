/**
 * Which TelServer events a switch change produces for one session.
 *
 * Call events: one per TelServer <call> (calls.ts) whose content changed
 * since the last event sent for it (the running duration alone is no
 * change), and for a <call> that no longer exists a last event whose
 * primCall is 'cleared'.
 *
 * When a <call>'s primary leg clears while its secondary lives on, the
 * <call> keeps its id and the surviving leg becomes primCall (with its own
 * callReference): TelServer always reports "the first existing call" as
 * primary, so a client sees the new primCall rather than a 'cleared' one.
 */
import type { WireCall, SimEvent, SimEventBody } from './messages';
import type { DeviceView, EndedLeg, SwitchChange } from '../shared/switch';
import type { Session } from './sessions';
import { tsAgentInfo, tsCallInfo, tsClearedCallInfo } from './views';

export function callEventsFor(session: Session, view: DeviceView, ended: EndedLeg[], now: number): WireCall[] {
  const out: WireCall[] = [];
  const present = new Set<string>();
  for (const call of session.calls.compose(view)) {
    present.add(call.id);
    const info = tsCallInfo(call, now);
    const previous = session.lastSent.get(call.id);
    if (previous && sameButDuration(previous, info)) continue;
    session.lastSent.set(call.id, info);
    out.push(info);
  }
  for (const [id, previous] of session.lastSent) {
    if (present.has(id)) continue;
    session.lastSent.delete(id);
    const end =
      ended.find((e) => e.ref === previous.primCall?.callReference) ??
      ended.find((e) => e.ref === previous.secCall?.callReference) ??
      ended.find((e) => e.group === id);
    out.push(tsClearedCallInfo(previous, end?.endCause));
  }
  return out;
}

/** Forward, DND, message-waiting and agent changes; undefined for call changes. */
export function featureEventFor(change: SwitchChange): SimEvent | undefined {
  let body: SimEventBody;
  switch (change.kind) {
    case 'forward':
      body = { type: 'forward', forward: { number: change.forward.to, type: change.forward.type, state: change.on ? 'on' : 'off' } };
      break;
    case 'dnd':
      body = { type: 'doNotDisturb', state: change.on ? 'on' : 'off' };
      break;
    case 'messageWaiting':
      body = { type: 'msgWaiting', state: change.on ? 'on' : 'off' };
      break;
    case 'agent':
      body = { type: 'agent', agent: tsAgentInfo(change.state) };
      break;
    case 'calls':
      return undefined;
  }
  // As in the document's examples, feature events carry no <deviceNumber>.
  return { event: body };
}

function sameButDuration(a: WireCall, b: WireCall): boolean {
  return JSON.stringify(withoutDuration(a)) === JSON.stringify(withoutDuration(b));
}

function withoutDuration(info: WireCall): WireCall {
  const out = { ...info };
  if (out.primCall) out.primCall = { ...out.primCall, duration: 0 };
  if (out.secCall) out.secCall = { ...out.secCall, duration: 0 };
  return out;
}

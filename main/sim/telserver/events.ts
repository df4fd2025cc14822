/**
 * Which TelServer events a switch change produces for one session.
 *
 * Call events: one per call group whose content changed since the last
 * event sent for it (the running duration alone is no change), and for a
 * group that no longer exists a last event whose primCall is 'cleared'.
 *
 * When a group's primary leg clears while its consultation lives on, the
 * group keeps its id and the surviving leg becomes primCall (with its own
 * callReference): TelServer always reports "the first existing call" as
 * primary, so a client sees the new primCall rather than a 'cleared' one.
 */
import type { TsCallInfo, TsEvent, TsEventBody } from '../../connectors/telserver/messages';
import type { DeviceView, EndedLeg, SwitchChange } from '../shared/switch';
import type { Session } from './sessions';
import { tsAgentInfo, tsCallInfo, tsClearedCallInfo } from './views';

export function callEventsFor(session: Session, view: DeviceView, ended: EndedLeg[], now: number): TsCallInfo[] {
  const out: TsCallInfo[] = [];
  const present = new Set<string>();
  for (const group of view.groups) {
    present.add(group.id);
    const info = tsCallInfo(group, now);
    const previous = session.lastSent.get(group.id);
    if (previous && sameButDuration(previous, info)) continue;
    session.lastSent.set(group.id, info);
    out.push(info);
  }
  for (const [id, previous] of session.lastSent) {
    if (present.has(id)) continue;
    session.lastSent.delete(id);
    const end = ended.find((e) => e.ref === previous.primCall?.callReference) ?? ended.find((e) => e.group === id);
    out.push(tsClearedCallInfo(previous, end?.endCause));
  }
  return out;
}

/** Forward, DND, message-waiting and agent changes; undefined for call changes. */
export function featureEventFor(change: SwitchChange): TsEvent | undefined {
  let body: TsEventBody;
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

function sameButDuration(a: TsCallInfo, b: TsCallInfo): boolean {
  return JSON.stringify(withoutDuration(a)) === JSON.stringify(withoutDuration(b));
}

function withoutDuration(info: TsCallInfo): TsCallInfo {
  const out = { ...info };
  if (out.primCall) out.primCall = { ...out.primCall, duration: 0 };
  if (out.secCall) out.secCall = { ...out.secCall, duration: 0 };
  return out;
}

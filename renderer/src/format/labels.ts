/** The catalog keys the screen uses for model values, and the texts built from them. */
import type { MessageKey, MessageParams } from '../../../app/i18n/message';
import { lineName } from '../../../app/line-name';
import type { CallAction, CallDirection, CallState, ConnectionStatus, Forward, ForwardType, Line, NumberType } from '../../../app/model';

/** A catalog text in the window's language: what `useT()` returns. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export const CALL_STATE_KEY: Record<CallState, MessageKey> = {
  dialing: 'call.state.dialing',
  ringback: 'call.state.ringback',
  ringing: 'call.state.ringing',
  queued: 'call.state.queued',
  connected: 'call.state.connected',
  held: 'call.state.held',
  'held-by-peer': 'call.state.heldByPeer',
  parked: 'call.state.parked',
  failed: 'call.state.failed',
};

export const DIRECTION_KEY: Record<CallDirection, MessageKey> = {
  incoming: 'call.direction.incoming',
  outgoing: 'call.direction.outgoing',
};

export const CALL_ROLE_KEY = {
  consultation: 'call.role.consultation',
  'consulted-from': 'call.role.consultedFrom',
} as const satisfies Record<string, MessageKey>;

export const NUMBER_TYPE_KEY: Record<NumberType, MessageKey> = {
  work: 'directory.numberType.work',
  home: 'directory.numberType.home',
  mobile: 'directory.numberType.mobile',
  ip: 'directory.numberType.ip',
};

/** The name of each call action's button (tests and screen readers find the buttons by them). */
export const ACTION_KEY: Record<CallAction, MessageKey> = {
  answer: 'action.answer',
  hangup: 'action.hangup',
  hold: 'action.hold',
  retrieve: 'action.retrieve',
  transfer: 'action.transfer',
  consult: 'action.consult',
  completeTransfer: 'action.completeTransfer',
  conference: 'action.conference',
  alternate: 'action.alternate',
  reconnect: 'action.reconnect',
  divert: 'action.divert',
  addParty: 'action.addParty',
  park: 'action.park',
  unpark: 'action.unpark',
};

const FORWARD_KEY: Record<ForwardType, MessageKey> = {
  immediate: 'line.forwarded.immediate',
  busy: 'line.forwarded.busy',
  noAnswer: 'line.forwarded.noAnswer',
  immInt: 'line.forwarded.immInt',
  immExt: 'line.forwarded.immExt',
  busyInt: 'line.forwarded.busyInt',
  busyExt: 'line.forwarded.busyExt',
  noAnswerInt: 'line.forwarded.noAnswerInt',
  noAnswerExt: 'line.forwarded.noAnswerExt',
};

/** A line's name: its label, or "Extension 1105" when it has none. */
export function lineLabel(line: Pick<Line, 'label' | 'number'>, t: Translate): string {
  const name = lineName(line);
  return typeof name === 'string' ? name : t(name.key, name.params);
}

/** "Forwarded to 1102", "Forwarded when busy to 1102". */
export function forwardText(forward: Forward, t: Translate): string {
  return t(FORWARD_KEY[forward.type], { to: forward.to });
}

/** Whole seconds until `at`, never negative. */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** "Connecting…", "Online", "PBX link down", "Offline — retrying in 4 s". */
export function connectionStateText(status: ConnectionStatus, now: number, t: Translate): string {
  switch (status.state) {
    case 'connecting':
      return t('connection.state.connecting');
    case 'online':
      return t('connection.state.online');
    case 'pbx-link-down':
      return t('connection.state.pbxLinkDown');
    case 'offline':
      return status.retryAt === undefined
        ? t('connection.state.offline')
        : t('connection.state.retrying', { seconds: secondsUntil(status.retryAt, now) });
    case 'stopped':
      return t('connection.state.stopped');
  }
}

/** The words the screen uses for model values. */
import type { CallDirection, CallState, ConnectionStatus, Forward, ForwardType, NumberType } from '../../../app/model';

export const CALL_STATE_LABEL: Record<CallState, string> = {
  dialing: 'Dialing',
  ringback: 'Ringing out',
  ringing: 'Ringing',
  queued: 'Queued',
  connected: 'Connected',
  held: 'On hold',
  'held-by-peer': 'Held by other party',
  parked: 'Parked',
  failed: 'Failed',
};

export const DIRECTION_LABEL: Record<CallDirection, string> = {
  incoming: 'Incoming',
  outgoing: 'Outgoing',
};

export const CALL_ROLE_LABEL = {
  consultation: 'Consultation',
  'consulted-from': 'Consulting',
} as const;

export const NUMBER_TYPE_LABEL: Record<NumberType, string> = {
  work: 'Work',
  home: 'Home',
  mobile: 'Mobile',
  ip: 'IP',
};

const FORWARD_CONDITION: Record<ForwardType, string> = {
  immediate: '',
  busy: ' when busy',
  noAnswer: ' on no answer',
  immInt: ' (internal calls)',
  immExt: ' (external calls)',
  busyInt: ' when busy (internal calls)',
  busyExt: ' when busy (external calls)',
  noAnswerInt: ' on no answer (internal calls)',
  noAnswerExt: ' on no answer (external calls)',
};

/** "Forwarded to 1102", "Forwarded when busy to 1102". */
export function forwardText(forward: Forward): string {
  return `Forwarded${FORWARD_CONDITION[forward.type]} to ${forward.to}`;
}

/** Whole seconds until `at`, never negative. */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** "Connecting…", "Online", "PBX link down", "Offline — retrying in 4 s". */
export function connectionStateText(status: ConnectionStatus, now: number): string {
  switch (status.state) {
    case 'connecting':
      return 'Connecting…';
    case 'online':
      return 'Online';
    case 'pbx-link-down':
      return 'PBX link down';
    case 'offline':
      return status.retryAt === undefined ? 'Offline' : `Offline — retrying in ${secondsUntil(status.retryAt, now)} s`;
    case 'stopped':
      return 'Stopped';
  }
}

/**
 * The demo office on the switch: a receptionist at 1100, ten colleagues,
 * the outside people who call, and the life between them.
 *
 * - live: the first call rings at reception 2–4 s after start; a new caller
 *   every 8–25 s while reception has fewer than 3 calls (known contacts,
 *   unknown numbers, now and then a withheld one); some give up after
 *   10–30 s of ringing; connected outside callers hang up after 30–180 s;
 *   colleagues make and end calls of their own; outside people answer
 *   calls to them after 2–6 s.
 * - manual: nothing happens by itself except colleagues answering calls
 *   that ring at them, so tests drive every step.
 * - queues (live, unless switched off): callers wait in the two call queues
 *   (QUEUE_SCRIPT: at 10, 18 and 26 s, then one every 90 s) and give up
 *   after 35–50 s unless the receptionist answered them by then; the switch
 *   hands the longest-waiting one to reception whenever she is free.
 *   Fixed times, so the rest of the demo's random life stays as it was.
 * In both modes a free colleague (no other call, not DND) answers a call
 * ringing at them after 1.5–4 s; a busy one lets it ring.
 *
 * All actions run from clock timers, never inside a switch listener.
 */
import type { Clock } from '../../../app/clock';
import type { Logger } from '../../core/log';
import { Directory, type Contact, type Extension } from './directory';
import type { Random } from './random';
import {
  type Switch,
  SwitchError,
  type DeviceView,
  type IncomingCallResult,
  type QueueCallResult,
  type QueueDefinition,
  type QueueView,
} from './switch';

export const RECEPTION = '1100';

export const DEMO_EXTENSIONS: readonly Extension[] = [
  { number: RECEPTION, name: 'Reception', company: 'Nordvalgus AS', maxCalls: 6 },
  { number: '1101', name: 'Marcel Jagger', company: 'Nordvalgus AS', maxCalls: 2 },
  { number: '1102', name: 'Maria Lind', company: 'Nordvalgus AS', maxCalls: 2 },
  { number: '1103', name: 'Mart Kuusk', company: 'Nordvalgus AS', maxCalls: 2 },
  { number: '1104', name: 'Kadri Tamm', company: 'Nordvalgus AS', maxCalls: 2 },
  { number: '1105', name: 'Jaan Saar', company: 'Nordvalgus AS', maxCalls: 2 },
  { number: '1106', name: 'Liis Mets', company: 'Nordvalgus AS', maxCalls: 2 },
  { number: '1107', name: 'Peeter Kask', company: 'Nordvalgus AS', maxCalls: 2 },
  { number: '1108', name: 'Sofia Berg', company: 'Nordvalgus AS', maxCalls: 2 },
  { number: '1109', name: 'Tomas Novak', company: 'Nordvalgus AS', maxCalls: 2 },
  { number: '1110', name: 'Elena Rossi', company: 'Nordvalgus AS', maxCalls: 2 },
];

export const DEMO_CONTACTS: readonly Contact[] = [
  { number: '+33160127764', name: 'Martin Jagger', company: 'uniGone', numberType: 'home' },
  { number: '+3725123456', name: 'Kalev Kask', company: 'Kask Ehitus OÜ', numberType: 'mobile' },
  { number: '+3726654321', name: 'Tiina Põld', company: 'Põld & Partnerid', numberType: 'work' },
  { number: '+3725559876', name: 'Mari-Liis Org', numberType: 'home' },
  { number: '+46701234567', name: 'Anders Lindqvist', company: 'Nordic Freight AB', numberType: 'mobile' },
  { number: '+358401234567', name: 'Matti Virtanen', company: 'Virtanen Oy', numberType: 'mobile' },
  { number: '+4930123456', name: 'Hannah Weber', company: 'Weber GmbH', numberType: 'work' },
];

/** Callers the directory does not know. */
export const UNKNOWN_NUMBERS: readonly string[] = ['+3725011122', '+37255512345', '+4915112345678', '+447700900123', '+33612345678'];

/** The demo's call queues (PortaSIP i_c_queue ids), both served by reception; Sales has a second operator. */
export const DEMO_QUEUES: readonly QueueDefinition[] = [
  { id: '1', name: 'Sales', number: '1200', agent: RECEPTION, members: ['1104'] },
  { id: '2', name: 'Support', number: '1201', agent: RECEPTION },
];

/** When the live demo queues a caller (seconds after start), where, and how long they wait before giving up. */
export const QUEUE_SCRIPT: readonly { at: number; queue: string; from: string; patience: number }[] = [
  { at: 10, queue: '1', from: '+3726101234', patience: 40 },
  { at: 18, queue: '2', from: '+4916098765432', patience: 35 },
  { at: 26, queue: '1', from: '+3725207788', patience: 50 },
];
/** After the script, one more queue caller every this many seconds (alternating queues, the script's numbers in turn). */
export const QUEUE_REPEAT_SECONDS = 90;

export function createDemoDirectory(): Directory {
  return new Directory([...DEMO_EXTENSIONS], [...DEMO_CONTACTS]);
}

export type DemoMode = 'live' | 'manual';

export interface DemoOptions {
  clock: Clock;
  random: Random;
  mode: DemoMode;
  log?: Logger;
  /** Whether the live demo puts callers into queues (default true; off for front ends that cannot show a queued call). */
  queueCallers?: boolean;
}

export interface DemoControl {
  readonly mode: DemoMode;
  /**
   * An outside number (or an extension) calls `to` (default reception).
   * `name` makes an unknown number a known contact first, so the call shows it.
   */
  incomingCall(call: { from: string; to?: string; name?: string }): IncomingCallResult;
  /** An outside number calls a queue (DEMO_QUEUES id): it waits there, or rings at reception at once when she is free. */
  queueCall(call: { from: string; queue: string; name?: string }): QueueCallResult;
  /** Every queue and its waiting callers, longest waiting first. */
  queues(): QueueView[];
  /** That party hangs up: an outside number, an extension, or a leg ref. */
  remoteHangup(party: { number: string }): void;
  /** The colleague picks up the call ringing at their phone now. */
  colleagueAnswer(device: string): void;
  /** Whether free colleagues answer calls ringing at them by themselves. */
  setColleagueAutoAnswer(on: boolean): void;
  view(device?: string): DeviceView;
  stop(): void;
}

const ms = (seconds: number) => Math.round(seconds * 1000);

export function createDemo(sw: Switch, options: DemoOptions): DemoControl {
  const { clock, random, mode } = options;
  const log = options.log;
  const timers = new Set<unknown>();
  /** Leg refs some simulated person already decided about. */
  const planned = new Set<string>();
  let autoAnswer = true;
  let stopped = false;

  for (const queue of DEMO_QUEUES) sw.defineQueue(queue);
  const colleagues = sw.deviceNumbers().filter((n) => n !== RECEPTION);
  const knownCallers = sw.directory.allContacts().map((c) => c.number);

  const later = (seconds: number, action: () => void) => {
    const handle = clock.setTimeout(() => {
      timers.delete(handle);
      if (stopped) return;
      try {
        action();
      } catch (error) {
        // The world moved on (the call ended, the line got busy): that is life, not a fault.
        if (!(error instanceof SwitchError)) throw error;
        log?.debug('demo: action no longer possible', { error: error.message });
      }
    }, ms(seconds));
    timers.add(handle);
  };

  const isFreeColleague = (device: string) => {
    const view = sw.deviceView(device);
    return !view.dnd && view.groups.every((g) => g.primary.state === 'alerting' && !g.consultation);
  };

  const legExists = (ref: string) => sw.externalLegs().some((l) => l.ref === ref);

  /** Colleagues pick up; in live mode outside people answer, and hang up after talking a while. */
  const reactToChanges = () => {
    if (autoAnswer) {
      for (const device of colleagues) {
        for (const group of sw.deviceView(device).groups) {
          const leg = group.primary;
          if (leg.state !== 'alerting' || planned.has(leg.ref) || !isFreeColleague(device)) continue;
          planned.add(leg.ref);
          later(random.between(1.5, 4), () => {
            if (autoAnswer && isFreeColleague(device)) sw.answer(device, leg.ref);
          });
        }
      }
    }
    if (mode !== 'live') return;
    for (const leg of sw.externalLegs()) {
      const key = `${leg.ref}:${leg.state}`;
      if (planned.has(key)) continue;
      if (leg.state === 'alerting') {
        planned.add(key);
        later(random.between(2, 6), () => sw.answerAt(leg.ref));
      } else if (leg.state === 'connected') {
        planned.add(key);
        later(random.between(30, 180), () => legExists(leg.ref) && sw.hangUpRemote(leg.ref));
      }
    }
  };

  const unsubscribe = sw.onChange((changes) => {
    if (!stopped && changes.some((c) => c.kind === 'calls')) reactToChanges();
  });

  const callReception = () => {
    const roll = random.next();
    const from = roll < 0.1 ? '' : roll < 0.65 ? random.pick(knownCallers) : random.pick(UNKNOWN_NUMBERS);
    if (from && sw.externalLegs().some((l) => l.number === from)) return; // that person is on the phone already
    const result = sw.incomingExternalCall({ number: from }, RECEPTION);
    log?.debug('demo: caller', { from: from || 'withheld', outcome: result.outcome });
    const callerRef = result.callerRef;
    if (callerRef && random.chance(0.3)) {
      later(random.between(10, 30), () => {
        const caller = sw.externalLegs().find((l) => l.ref === callerRef);
        if (caller && caller.state === 'delivered') sw.hangUpRemote(callerRef);
      });
    }
  };

  const scheduleNextCaller = () => {
    later(random.between(8, 25), () => {
      // Calls from the queues are counted apart: the direct callers keep their own pace.
      if (sw.deviceView(RECEPTION).groups.filter((g) => !g.primary.queue).length < 3) callReception();
      scheduleNextCaller();
    });
  };

  /** A colleague phones someone and hangs up after a while, so lines look busy and free. */
  const scheduleColleagueCall = () => {
    later(random.between(10, 30), () => {
      scheduleColleagueCall();
      const free = colleagues.filter((d) => sw.deviceView(d).groups.length === 0 && !sw.deviceView(d).dnd);
      if (free.length === 0) return;
      const caller = random.pick(free);
      const callee = random.chance(0.5)
        ? random.pick(colleagues.filter((d) => d !== caller))
        : random.pick([...knownCallers, ...UNKNOWN_NUMBERS]);
      const ref = sw.makeCall(caller, callee);
      later(random.between(20, 120), () => {
        if (sw.deviceView(caller).groups.some((g) => g.primary.ref === ref)) sw.drop(caller, ref);
      });
    });
  };

  /** A caller waits in a queue and gives up after `patience` seconds unless they got to talk by then. */
  const queueCaller = (from: string, queue: string, patience: number) => {
    const { callerRef } = sw.queueCall({ number: from }, queue);
    log?.debug('demo: queue caller', { from, queue });
    later(patience, () => {
      const caller = sw.externalLegs().find((l) => l.ref === callerRef);
      if (caller && caller.state !== 'connected') sw.hangUpRemote(callerRef);
    });
  };

  const scheduleQueueCallers = () => {
    for (const step of QUEUE_SCRIPT) later(step.at, () => queueCaller(step.from, step.queue, step.patience));
    const last = QUEUE_SCRIPT[QUEUE_SCRIPT.length - 1];
    let round = 0;
    const repeat = () =>
      later(QUEUE_REPEAT_SECONDS, () => {
        const step = QUEUE_SCRIPT[round % QUEUE_SCRIPT.length];
        const queue = DEMO_QUEUES[round % DEMO_QUEUES.length];
        round++;
        repeat();
        queueCaller(step.from, queue.id, step.patience);
      });
    if (last) later(last.at, repeat);
  };

  if (mode === 'live') {
    later(random.between(2, 4), () => {
      callReception();
      scheduleNextCaller();
    });
    scheduleColleagueCall();
    if (options.queueCallers !== false) scheduleQueueCallers();
  }

  return {
    mode,
    incomingCall: ({ from, to = RECEPTION, name }) => {
      if (name && from && !sw.hasDevice(from) && sw.directory.party(from).name === undefined)
        sw.directory.addContact({ number: from, name });
      if (!sw.hasDevice(from)) return sw.incomingExternalCall({ number: from }, to);
      const ref = sw.makeCall(from, to);
      const leg = sw
        .deviceView(from)
        .groups.flatMap((g) => [g.primary, g.consultation])
        .find((l) => l?.ref === ref);
      if (leg?.state === 'failed') return { outcome: leg.cause === 'busy' ? 'busy' : 'destNotObtainable' };
      return { outcome: 'ringing', callerRef: ref };
    },
    queueCall: ({ from, queue, name }) => {
      if (name && sw.directory.party(from).name === undefined && !sw.hasDevice(from)) sw.directory.addContact({ number: from, name });
      return sw.queueCall({ number: from }, queue);
    },
    queues: () => sw.queues(),
    remoteHangup: ({ number }) => sw.hangUpRemote(number),
    colleagueAnswer: (device) => sw.answer(device),
    setColleagueAutoAnswer: (on) => {
      autoAnswer = on;
      // Calls already ringing get their chance now.
      if (on) for (const device of colleagues) for (const g of sw.deviceView(device).groups) planned.delete(g.primary.ref);
      if (on) later(0, reactToChanges);
    },
    view: (device = RECEPTION) => sw.deviceView(device),
    stop: () => {
      stopped = true;
      unsubscribe();
      for (const handle of timers) clock.clearTimeout(handle);
      timers.clear();
    },
  };
}

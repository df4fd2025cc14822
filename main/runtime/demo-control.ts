/**
 * Drives the demo PBX from outside (tests, `serve --sim-control`): the demo's
 * vendor-neutral people (callers, colleagues) plus the running front end's
 * fault switches. Every action's arguments are checked by its schema first.
 */
import type { BaseConnectionConfig } from '../../app/vendors';
import { text, v } from '../../app/validation/schema';
import type { DemoPbx } from '../sim';
import { DEMO_RECEPTION_DEVICE, demoDevice, simAction, type SimAction } from '../sim/demo-connection';

export type SimControl = (action: string, args: unknown) => Promise<unknown>;

const number = v.pipe(v.string(), v.regex(/^\+?[0-9*#]{1,32}$/));

export class UnknownSimAction extends Error {
  constructor(readonly known: readonly string[]) {
    super(`action: expected one of ${known.join(', ')}`);
    this.name = 'UnknownSimAction';
  }
}

export function demoControl(pbx: DemoPbx, faults: Record<string, SimAction>, connection: BaseConnectionConfig): SimControl {
  const actions: Record<string, SimAction> = {
    incomingCall: simAction(v.strictObject({ from: number, to: v.optional(demoDevice), name: v.optional(text(1, 64)) }), (a) => {
      // The front ends send their events synchronously inside incomingCall: this is the wire time.
      const sentAt = Date.now();
      const result = pbx.control.incomingCall({ from: a.from, to: a.to ?? DEMO_RECEPTION_DEVICE, name: a.name });
      return { sentAt, outcome: result.outcome };
    }),
    /** An outside number calls a demo queue ('1' Sales, '2' Support): it waits there, or rings at reception when she is free. */
    queueCall: simAction(
      v.strictObject({ from: number, queue: v.pipe(v.string(), v.regex(/^[0-9]{1,18}$/)), name: v.optional(text(1, 64)) }),
      (a) => {
        const sentAt = Date.now();
        const result = pbx.control.queueCall({ from: a.from, queue: a.queue, name: a.name });
        return { sentAt, ...result };
      },
    ),
    /** Every demo queue with its waiting callers (longest waiting first): the PBX's side of the queue view. */
    queueState: simAction(v.strictObject({}), () => ({ queues: pbx.control.queues() })),
    remoteHangup: simAction(v.strictObject({ number }), (a) => pbx.control.remoteHangup({ number: a.number })),
    /** The outside person a call rings at (a call back) picks up. */
    remoteAnswer: simAction(v.strictObject({ number }), (a) => pbx.switch.answerAt(a.number)),
    colleagueAnswer: simAction(v.strictObject({ device: demoDevice }), (a) => pbx.control.colleagueAnswer(a.device)),
    colleagueAutoAnswer: simAction(v.strictObject({ on: v.boolean() }), (a) => pbx.control.setColleagueAutoAnswer(a.on)),
    /** A supervisor (or the phone) changes a device's agent state at the PBX. */
    agentState: simAction(
      v.strictObject({
        device: v.optional(demoDevice),
        state: v.picklist(['loggedOff', 'loggedOn', 'notReady', 'ready', 'workingAfterCall']),
      }),
      (a) => pbx.switch.setAgentState(a.device ?? DEMO_RECEPTION_DEVICE, a.state),
    ),
    calls: simAction(v.strictObject({ device: v.optional(demoDevice) }), (a) => pbx.switch.deviceView(a.device ?? DEMO_RECEPTION_DEVICE)),
    /** The settings the console uses for the demo PBX (tests add a second connection to the same front end). */
    demoConnection: simAction(v.strictObject({}), () => structuredClone(connection)),
    ...faults,
  };
  return async (action, args) => {
    const entry = Object.prototype.hasOwnProperty.call(actions, action) ? actions[action] : undefined;
    if (!entry) throw new UnknownSimAction(Object.keys(actions));
    const result = await entry.run(args ?? {});
    return result ?? { ok: true };
  };
}

/**
 * Measures, on a ManualClock, how long the console takes to notice that a
 * PBX is gone: the clock moves in small steps, and after each step real
 * time passes briefly so loopback I/O (a refused connect, a reply) settles
 * before the next step. Slow I/O can only make a measured time longer,
 * never shorter, so a bound that holds here holds for real.
 */
import { isCallKnown } from '../../app/call-trust';
import type { ConsoleState } from '../../app/model';
import type { ManualClock } from '../../app/testing/manual-clock';
import type { DemoPbx } from '../sim';

export interface AdvanceOptions {
  /** Give up after this much clock time, ms. */
  maxMs: number;
  /** Clock time per step, ms (default 100). */
  stepMs?: number;
  /** Real time after each step, ms (default 15). */
  settleMs?: number;
}

/** Moves the clock until `predicate` holds; the clock time that took, ms, or undefined when it never held within maxMs. */
export async function advanceUntil(clock: ManualClock, predicate: () => boolean, options: AdvanceOptions): Promise<number | undefined> {
  const start = clock.now();
  const step = options.stepMs ?? 100;
  const settle = options.settleMs ?? 15;
  while (clock.now() - start < options.maxMs) {
    if (predicate()) return clock.now() - start;
    await clock.advance(step);
    await new Promise((resolve) => setTimeout(resolve, settle));
  }
  return predicate() ? clock.now() - start : undefined;
}

/** The console side the timing tests read (a started demoPbxConsole). */
export interface ObservedConsole {
  state: () => ConsoleState;
  until: (predicate: () => boolean, what: string, timeoutMs?: number) => Promise<void>;
}

/** A caller rings at the PBX; resolves once the console shows the call ringing. */
export async function ringIn(demo: ObservedConsole, pbx: DemoPbx, from: string): Promise<void> {
  pbx.control.incomingCall({ from });
  await demo.until(() => Object.values(demo.state().calls).some((c) => c.state === 'ringing'), 'the call ringing in the console');
}

/** Whether the console still vouches for its ringing call (app/call-trust.ts). */
export function ringingCallKnown(state: ConsoleState): boolean {
  const call = Object.values(state.calls).find((c) => c.state === 'ringing');
  return call !== undefined && isCallKnown(call, state.connections);
}

/**
 * How the console reaches one vendor's front end of the demo PBX, and that
 * front end's fault switches for tests (`--sim-control`). Each vendor's
 * vendor module carries one (main/connectors/<vendor>/demo.ts), so
 * the composition root needs no vendor list of its own.
 */
import type { BaseConnectionConfig } from '../../app/vendors';
import { parseWith, v } from '../../app/validation/schema';
import type { DemoPbx } from './index';

/** The receptionist's device on the demo PBX. */
export const DEMO_RECEPTION_DEVICE = '1100';

/** A demo control action: its arguments checked by a schema first, so `run` sees only valid, typed arguments. */
export interface SimAction {
  run: (rawArgs: unknown) => unknown;
}

export function simAction<A>(args: v.GenericSchema<unknown, A>, run: (args: A) => unknown): SimAction {
  return { run: (rawArgs) => run(parseWith(args, rawArgs, 'args')) };
}

/** The demo's connection and line names, in the language of the machine that runs it. */
export interface DemoLabels {
  connection: string;
  reception: string;
}

export interface DemoConnection<C extends BaseConnectionConfig = BaseConnectionConfig> {
  /** The connection settings that point the console at this vendor's front end. */
  connection: (pbx: DemoPbx, labels: DemoLabels) => C;
  /** Fault switches of this front end, by action name. */
  faults: (pbx: DemoPbx) => Record<string, SimAction>;
}

/** The front end the demo PBX was started with, or a clear error when it was not. */
export function started<T>(frontEnd: T | undefined, vendor: string): T {
  if (!frontEnd) throw new Error(`The demo PBX was started without its ${vendor} front end.`);
  return frontEnd;
}

/** A demo device number, as the fault switches take it. */
export const demoDevice = v.pipe(v.string(), v.regex(/^[0-9]{1,16}$/));

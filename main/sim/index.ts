/**
 * The built-in demo PBX: one vendor-neutral switch (switch.ts), the demo
 * office living on it (demo.ts), and one front end per vendor speaking that
 * vendor's real wire protocol on loopback (today: telserver/).
 *
 * How a front end plugs into the switch:
 * - requests → switch operations (makeCall, answer, consult, transfer ...);
 *   a SwitchError's code becomes the vendor's error (noCall, reject, unknown
 *   device);
 * - `switch.onChange(changes => ...)` → for each change of a device the
 *   front end monitors, read `switch.deviceView(device)` and push the
 *   vendor's events (call groups, forwards, DND, message waiting, agent);
 *   `ended` says which legs cleared and why. Listeners only read; anything
 *   they want to do to the switch they schedule;
 * - snapshots and queries read `deviceView`, `history` and `directory`.
 * The front end owns its transport, sessions and fault switches; the switch
 * never knows which vendors are looking.
 */
import type { Vendor } from '../../app/model';
import { systemClock, type Clock, type Logger } from '../core/connector';
import { createDemo, createDemoDirectory, type DemoControl, type DemoMode } from './demo';
import { seededRandom } from './random';
import { Switch } from './switch';
import { TelServerFrontEnd, type TelServerFaults } from './telserver/server';

export interface DemoPbxOptions {
  /** Which vendors' front ends to start on the switch. Default: ['telserver']. */
  vendors?: Vendor[];
  telserver?: {
    /** Default 0: a free port. */
    port?: number;
    endOfPdu?: string;
    /** Open sessions allowed at once. Default 100. */
    sessionLimit?: number;
    /** Devices whose first openSession needs this password. */
    passwords?: Record<string, string>;
    maxRequestBytes?: number;
  };
  /** Default 'live'. */
  mode?: DemoMode;
  /** Seed of the demo's random life. Default 1. */
  seed?: number;
  clock?: Clock;
  log?: Logger;
}

export interface DemoPbx {
  switch: Switch;
  /** Present when the TelServer front end was started. */
  telserver?: { host: string; port: number; faults: TelServerFaults; sessionDevices(): string[] };
  control: DemoControl;
  stop(): Promise<void>;
}

export async function startDemoPbx(options: DemoPbxOptions = {}): Promise<DemoPbx> {
  const clock = options.clock ?? systemClock;
  const sw = new Switch({
    clock,
    directory: createDemoDirectory(),
    onListenerError: (error) => options.log?.error('demo pbx: switch listener failed', { error: String(error) }),
  });
  const vendors = new Set(options.vendors ?? ['telserver']);
  const stops: (() => Promise<void>)[] = [];
  let telserver: DemoPbx['telserver'];
  if (vendors.has('telserver')) {
    const frontEnd = new TelServerFrontEnd({ switch: sw, clock, log: options.log, ...options.telserver });
    const { host, port } = await frontEnd.start();
    stops.push(() => frontEnd.stop());
    telserver = { host, port, faults: frontEnd.faults, sessionDevices: () => frontEnd.sessionDevices() };
  }
  const control = createDemo(sw, { clock, random: seededRandom(options.seed ?? 1), mode: options.mode ?? 'live', log: options.log });
  return {
    switch: sw,
    telserver,
    control,
    stop: async () => {
      control.stop();
      await Promise.all(stops.map((stop) => stop()));
    },
  };
}

export { Switch, SwitchError } from './switch';
export type { DeviceView, GroupView, LegView, SwitchChange } from './switch';
export { RECEPTION } from './demo';
export type { DemoControl, DemoMode } from './demo';
export type { TelServerFaults } from './telserver/server';

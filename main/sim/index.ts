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
import type { Clock } from '../../app/clock';
import { systemClock } from '../core/clock';
import type { Logger } from '../core/log';
import { createDemo, createDemoDirectory, type DemoControl, type DemoMode } from './shared/demo';
import { seededRandom } from './shared/random';
import { Switch } from './shared/switch';
import { TelServerFrontEnd, type TelServerFaults } from './telserver/server';
import { DEMO_RECEPTION_DEVICE } from './demo-connection';
import { PortaSipFrontEnd, type PortaSipFrontEndOptions, type PortaSipFaults } from './portasip/server';
import { startTeliaFrontEnd, type TeliaDemoOptions, type TeliaDemoFrontEnd } from './telia';
import { InnovaphoneFrontEnd, type InnovaphoneFaults, type InnovaphoneFrontEndOptions } from './innovaphone/server';
import { addOfficeUsers } from './innovaphone/users';

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
  /** PortaSIP front end settings (port, API logins, i_customer). */
  portasip?: Omit<PortaSipFrontEndOptions, 'switch' | 'clock' | 'log'>;
  /** Telia Smart calls front end settings (own numbers, account, phonebook). */
  telia?: TeliaDemoOptions;
  /** innovaphone front end settings; `extraUsers` adds that many PBX users (extensions from 2000) for the presence grid. */
  innovaphone?: Omit<InnovaphoneFrontEndOptions, 'switch' | 'clock' | 'log'> & { extraUsers?: number };
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
  telserver?: {
    host: string;
    port: number;
    faults: TelServerFaults;
    sessionDevices(): string[];
    /** TCP connections open now and at most at once. */
    connections(): { open: number; peak: number };
  };
  /** Present when the PortaSIP front end was started. */
  portasip?: {
    url: string;
    host: string;
    port: number;
    accounts: Record<string, string>;
    customerId: number;
    faults: PortaSipFaults;
    sessionLogins(): string[];
  };
  /** Present when the Telia front end was started. */
  telia?: TeliaDemoFrontEnd;
  /** Present when the innovaphone front end was started. */
  innovaphone?: { url: string; accounts: Record<string, string>; sessionUser: string; faults: InnovaphoneFaults; sessionCount(): number };
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
    // The reception line is an agent of the demo's hunt group, ready for calls: TelServer shows agent state and statistics.
    sw.setAgentState(DEMO_RECEPTION_DEVICE, 'ready');
    const { host, port } = await frontEnd.start();
    stops.push(() => frontEnd.stop());
    telserver = {
      host,
      port,
      faults: frontEnd.faults,
      sessionDevices: () => frontEnd.sessionDevices(),
      connections: () => frontEnd.connections,
    };
  }
  let portasip: DemoPbx['portasip'];
  if (vendors.has('portasip')) {
    const frontEnd = new PortaSipFrontEnd({ switch: sw, clock, log: options.log, ...options.portasip });
    const { host, port, url } = await frontEnd.start();
    stops.push(() => frontEnd.stop());
    portasip = {
      url,
      host,
      port,
      accounts: frontEnd.accounts,
      customerId: frontEnd.customerId,
      faults: frontEnd.faults,
      sessionLogins: () => frontEnd.sessionLogins(),
    };
  }
  let telia: DemoPbx['telia'];
  if (vendors.has('telia')) {
    telia = await startTeliaFrontEnd({
      switch: sw,
      clock,
      log: options.log,
      mode: options.mode ?? 'live',
      seed: options.seed ?? 1,
      ...options.telia,
    });
    stops.push(() => telia!.stop());
  }
  let innovaphone: DemoPbx['innovaphone'];
  if (vendors.has('innovaphone')) {
    const { extraUsers, ...frontEndOptions } = options.innovaphone ?? {};
    // ATTENDANT_INNOVAPHONE_DEMO_USERS sizes the demo office (benchmarks: 10000).
    addOfficeUsers(sw, extraUsers ?? demoUserCount(process.env.ATTENDANT_INNOVAPHONE_DEMO_USERS));
    const accounts = frontEndOptions.accounts ?? { Reception: 'demo-innovaphone' };
    const frontEnd = new InnovaphoneFrontEnd({ switch: sw, clock, log: options.log, ...frontEndOptions, accounts });
    const { url } = await frontEnd.start();
    stops.push(() => frontEnd.stop());
    innovaphone = { url, accounts, sessionUser: 'Reception', faults: frontEnd.faults, sessionCount: () => frontEnd.sessionCount() };
  }
  const control = createDemo(sw, {
    clock,
    random: seededRandom(options.seed ?? 1),
    mode: options.mode ?? 'live',
    log: options.log,
  });
  return {
    switch: sw,
    telserver,
    portasip,
    innovaphone,
    telia,
    control,
    stop: async () => {
      control.stop();
      await Promise.all(stops.map((stop) => stop()));
    },
  };
}

export { Switch, SwitchError } from './shared/switch';
export type { DeviceView, GroupView, LegView, SwitchChange } from './shared/switch';
export { RECEPTION } from './shared/demo';
export type { DemoControl, DemoMode } from './shared/demo';
export type { TelServerFaults } from './telserver/server';
export type { PortaSipFaults } from './portasip/server';

/** The innovaphone demo's number of further PBX users: 300, or the given count (at most 20,000). */
function demoUserCount(text: string | undefined): number {
  const n = text ? Number.parseInt(text, 10) : NaN;
  return Number.isInteger(n) && n >= 0 ? Math.min(n, 20_000) : 300;
}

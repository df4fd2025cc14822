/**
 * How the console reaches each vendor's front end of the demo PBX, and the
 * vendor-specific fault switches `--sim-control` exposes. One entry per
 * vendor; the demo's people (callers, colleagues) are vendor-neutral and
 * live in bootstrap's demo control.
 */
import type { Vendor } from '../../app/model';
import { bool, int, object, optional, str, type Validator } from '../../app/validate';
import type { DemoPbx } from '../sim';
import type { ConnectionConfig } from './config';

/** The receptionist's device on the demo PBX. */
export const DEMO_RECEPTION_DEVICE = '1100';

export interface SimAction {
  args: Validator<any>;
  run(args: any): unknown;
}

export interface DemoVendor {
  /** The connection settings that point the console at this vendor's front end. */
  connection(pbx: DemoPbx): ConnectionConfig;
  /** Fault switches of this front end, by action name. */
  faults(pbx: DemoPbx): Record<string, SimAction>;
}

export const demoDevice = str({ min: 1, max: 16, pattern: /^[0-9]+$/ });

const telserver: DemoVendor = {
  connection: (pbx) => {
    const frontEnd = started(pbx.telserver, 'telserver');
    return {
      vendor: 'telserver',
      id: 'demo',
      label: 'Demo PBX (TelServer)',
      host: frontEnd.host,
      port: frontEnd.port,
      requestTimeoutMs: 3000,
      // Short, so a dropped session is noticed within seconds in the demo.
      keepaliveSeconds: 2,
      lines: [{ device: DEMO_RECEPTION_DEVICE, label: 'Reception' }],
    };
  },
  faults: (pbx) => {
    const faults = started(pbx.telserver, 'telserver').faults;
    return {
      pbxLink: { args: object({ up: bool }), run: (a) => faults.setPbxLink(a.up) },
      closeSessionByAdmin: { args: object({ device: optional(demoDevice) }), run: (a) => faults.closeSessionByAdmin(a.device ?? DEMO_RECEPTION_DEVICE) },
      /** on: TelServer vanishes (sessions lost, connections refused); off: it is back. */
      outage: {
        args: object({ on: bool }),
        run: async (a) => {
          if (a.on) faults.dropAllSessions();
          await faults.refuseConnections(a.on);
        },
      },
      malformedDatagram: { args: object({ device: optional(demoDevice) }), run: (a) => faults.sendMalformedDatagram(a.device ?? DEMO_RECEPTION_DEVICE) },
      oversizedDatagrams: {
        args: object({ device: optional(demoDevice), totalBytes: optional(int({ min: 1, max: 8 * 1024 * 1024 })) }),
        run: (a) => faults.sendOversizedDatagrams(a.device ?? DEMO_RECEPTION_DEVICE, a.totalBytes),
      },
    };
  },
};

export const DEMO_VENDORS: Partial<Record<Vendor, DemoVendor>> = { telserver };

function started<T>(frontEnd: T | undefined, vendor: Vendor): T {
  if (!frontEnd) throw new Error(`The demo PBX was started without its ${vendor} front end.`);
  return frontEnd;
}

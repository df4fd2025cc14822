/** How the console reaches the demo PBX's TelServer front end, and its fault switches (`--sim-control`). */
import type { TelServerConnectionConfig } from '../../../app/vendors';
import { integer, v } from '../../../app/validation/schema';
import { DEMO_RECEPTION_DEVICE, demoDevice, simAction, started, type DemoConnection } from '../../sim/demo-connection';

export const telserverDemo: DemoConnection<TelServerConnectionConfig> = {
  connection: (pbx, labels) => {
    const frontEnd = started(pbx.telserver, 'telserver');
    return {
      vendor: 'telserver',
      id: 'demo',
      label: labels.connection,
      host: frontEnd.host,
      port: frontEnd.port,
      requestTimeoutMs: 3000,
      // Short, so a dropped session is noticed within seconds in the demo.
      keepaliveSeconds: 2,
      lines: [{ device: DEMO_RECEPTION_DEVICE, label: labels.reception }],
    };
  },
  faults: (pbx) => {
    const faults = started(pbx.telserver, 'telserver').faults;
    return {
      pbxLink: simAction(v.strictObject({ up: v.boolean() }), (a) => faults.setPbxLink(a.up)),
      closeSessionByAdmin: simAction(v.strictObject({ device: v.optional(demoDevice) }), (a) =>
        faults.closeSessionByAdmin(a.device ?? DEMO_RECEPTION_DEVICE),
      ),
      /** on: TelServer vanishes (sessions lost, connections refused); off: it is back. */
      outage: simAction(v.strictObject({ on: v.boolean() }), async (a) => {
        if (a.on) faults.dropAllSessions();
        await faults.refuseConnections(a.on);
      }),
      /** Every reply waits this long (the request itself is executed at once): a slow TelServer; 0 ends it. */
      delayReplies: simAction(v.strictObject({ ms: integer(0, 60_000) }), (a) => faults.delayReplies(a.ms)),
      malformedDatagram: simAction(v.strictObject({ device: v.optional(demoDevice) }), (a) =>
        faults.sendMalformedDatagram(a.device ?? DEMO_RECEPTION_DEVICE),
      ),
      oversizedDatagrams: simAction(
        v.strictObject({ device: v.optional(demoDevice), totalBytes: v.optional(integer(1, 8 * 1024 * 1024)) }),
        (a) => faults.sendOversizedDatagrams(a.device ?? DEMO_RECEPTION_DEVICE, a.totalBytes),
      ),
    };
  },
};

/** How the console reaches the demo PBX's innovaphone front end, and its fault switches (`--sim-control`). */
import type { InnovaphoneConnectionConfig } from '../../../app/vendors';
import { integer, text, v } from '../../../app/validation/schema';
import { DEMO_RECEPTION_DEVICE, demoDevice, simAction, started, type DemoConnection } from '../../sim/demo-connection';

/** The demo innovaphone password reaches the connector through the environment variable the config names, as a real one does. */
export const INNOVAPHONE_DEMO_PASSWORD_ENV = 'ATTENDANT_INNOVAPHONE_DEMO_PASSWORD';

export const innovaphoneDemo: DemoConnection<InnovaphoneConnectionConfig> = {
  connection: (pbx, labels) => {
    const frontEnd = started(pbx.innovaphone, 'innovaphone');
    process.env[INNOVAPHONE_DEMO_PASSWORD_ENV] = frontEnd.accounts[frontEnd.sessionUser];
    return {
      vendor: 'innovaphone',
      id: 'demo',
      label: labels.connection,
      url: frontEnd.url,
      username: frontEnd.sessionUser,
      passwordEnv: INNOVAPHONE_DEMO_PASSWORD_ENV,
      requestTimeoutMs: 3000,
      // Short, so a lost session is noticed within seconds in the demo.
      echoIntervalSeconds: 3,
      lines: [{ cn: frontEnd.sessionUser, number: DEMO_RECEPTION_DEVICE, label: labels.reception }],
    };
  },
  faults: (pbx) => {
    const faults = started(pbx.innovaphone, 'innovaphone').faults;
    return {
      soapFault: simAction(v.strictObject({ count: v.optional(integer(1, 1000)), op: v.optional(text(1, 32)) }), (a) =>
        faults.soapFault(a.count, a.op),
      ),
      invalidateSessions: simAction(v.strictObject({}), () => faults.invalidateSessions()),
      dropConnections: simAction(v.strictObject({}), () => faults.dropConnections()),
      slowPoll: simAction(v.strictObject({ ms: integer(0, 120_000) }), (a) => faults.slowPoll(a.ms)),
      // The PBX answers call control with its empty response but does nothing (the console must say so).
      ignoreCommands: simAction(v.strictObject({ on: v.boolean() }), (a) => faults.ignoreCommands(a.on)),
      // Which WSDLs the PBX binds from now on: ['pbx10_00'] makes it a v10 PBX (the console re-probes on its next connect).
      serveDialects: simAction(v.strictObject({ dialects: v.pipe(v.array(v.picklist(['pbx10_00', 'pbx11_00'])), v.minLength(1)) }), (a) =>
        faults.serveDialects(a.dialects),
      ),
      presenceLoad: simAction(v.strictObject({ perSecond: integer(1, 5000), seconds: integer(1, 600) }), (a) =>
        faults.presenceLoad(a.perSecond, a.seconds),
      ),
      setPresence: simAction(
        v.strictObject({
          device: demoDevice,
          status: v.optional(v.picklist(['open', 'closed'])),
          activity: v.optional(text(0, 32)),
          note: v.optional(text(0, 128)),
        }),
        (a) =>
          faults.setPresence(
            a.device,
            a.status || a.activity || a.note ? { status: a.status, activity: a.activity ?? '', note: a.note ?? '' } : undefined,
          ),
      ),
    };
  },
};

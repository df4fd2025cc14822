/** How the console reaches the demo PBX's PortaSIP front end, and its fault switches (`--sim-control`). */
import type { PortaSipConnectionConfig } from '../../../app/vendors';
import { integer, v } from '../../../app/validation/schema';
import { DEMO_RECEPTION_DEVICE, simAction, started, type DemoConnection } from '../../sim/demo-connection';
import { accountIdOf } from '../../sim/portasip/views';
import { DEMO_QUEUES } from '../../sim/shared/demo';

/** The demo password reaches the connector the way a real one does: through the environment variable the config names. */
export const PORTASIP_DEMO_PASSWORD_ENV = 'ATTENDANT_PORTASIP_DEMO_PASSWORD';

export const portasipDemo: DemoConnection<PortaSipConnectionConfig> = {
  connection: (pbx, labels) => {
    const frontEnd = started(pbx.portasip, 'portasip');
    const [login, password] = Object.entries(frontEnd.accounts)[0];
    process.env[PORTASIP_DEMO_PASSWORD_ENV] = password;
    return {
      vendor: 'portasip',
      id: 'demo',
      label: labels.connection,
      url: frontEnd.url,
      login,
      passwordEnv: PORTASIP_DEMO_PASSWORD_ENV,
      watch: [{ i_customer: frontEnd.customerId }],
      // The demo Centrex's account of the reception phone pays for the callbacks the console places.
      reception: { number: DEMO_RECEPTION_DEVICE, label: labels.reception, billId: accountIdOf(DEMO_RECEPTION_DEVICE) },
      // The API names a call queue by its i_c_queue only; the names are configuration, as on a real PortaSwitch.
      queueNames: Object.fromEntries(DEMO_QUEUES.map((queue) => [queue.id, queue.name])),
      requestTimeoutMs: 3000,
      heartbeatSeconds: 5,
      resyncSeconds: 30,
    };
  },
  faults: (pbx) => {
    const faults = started(pbx.portasip, 'portasip').faults;
    return {
      abruptClose: simAction(v.strictObject({}), () => faults.abruptClose()),
      refuseConnections: simAction(v.strictObject({ on: v.boolean() }), (a) => faults.refuseConnections(a.on)),
      expireSessions: simAction(v.strictObject({}), () => faults.expireSessions()),
      disableNotifications: simAction(
        v.strictObject({
          fault: v.optional(v.picklist(['disabled_api_notifications', 'call_control_disabled'])),
          refuseEnable: v.optional(v.boolean()),
        }),
        (a) => faults.disableNotifications(a),
      ),
      allowNotifications: simAction(v.strictObject({}), () => faults.allowNotifications()),
      malformedFrame: simAction(v.strictObject({}), () => faults.sendMalformedFrame()),
      oversizedFrame: simAction(v.strictObject({ bytes: v.optional(integer(1, 8 * 1024 * 1024)) }), (a) =>
        faults.sendOversizedFrame(a.bytes),
      ),
      startLoad: simAction(
        v.strictObject({
          calls: v.optional(integer(1, 5000)),
          updatesPerSecond: v.optional(integer(1, 2000)),
          extensions: v.optional(integer(1, 1000)),
        }),
        (a) => faults.startLoad(a),
      ),
      pauseLoad: simAction(v.strictObject({}), () => faults.pauseLoad()),
      stopLoad: simAction(v.strictObject({}), () => faults.stopLoad()),
    };
  },
};

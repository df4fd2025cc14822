/** How the console reaches the demo PBX's Telia front end, and its fault switches (`--sim-control`). */
import type { TeliaConnectionConfig } from '../../../app/vendors';
import { integer, text, v } from '../../../app/validation/schema';
import { simAction, started, type DemoConnection } from '../../sim/demo-connection';

/** The demo Telia password reaches the connector through the environment variable the config names, as a real one does. */
export const TELIA_DEMO_PASSWORD_ENV = 'ATTENDANT_TELIA_DEMO_PASSWORD';

export const teliaDemo: DemoConnection<TeliaConnectionConfig> = {
  connection: (pbx, labels) => {
    const frontEnd = started(pbx.telia, 'telia');
    process.env[TELIA_DEMO_PASSWORD_ENV] = frontEnd.password;
    return {
      vendor: 'telia',
      id: 'demo',
      label: labels.connection,
      username: frontEnd.username,
      passwordEnv: TELIA_DEMO_PASSWORD_ENV,
      servicesUrl: frontEnd.servicesUrl,
      phonebookUrl: frontEnd.phonebookUrl,
      // The demo server's certificate is self-signed: trusted by its pinned fingerprint, never by switching checks off.
      tlsFingerprint256: frontEnd.fingerprint256,
      country: 'EE',
      requestTimeoutMs: 3000,
      checkSeconds: 5,
      notifications: { mode: 'listen', bindAddress: '127.0.0.1', port: 0, allowedSources: ['127.0.0.1'] },
    };
  },
  faults: (pbx) => {
    const faults = started(pbx.telia, 'telia').faults;
    return {
      /** The next `count` requests get HTTP 500, a cut-off answer, or none at all. */
      httpFault: simAction(
        v.strictObject({ fault: v.picklist(['none', 'status500', 'garbage', 'hang']), count: v.optional(integer(1, 1000)) }),
        (a) => faults.setHttpFault(a.fault, a.count),
      ),
      /** The account's password changes: Telia answers ERR001 from now on. */
      changePassword: simAction(v.strictObject({ password: text(1, 64) }), (a) => faults.setPassword(a.password)),
      /** A colleague adds a phonebook entry elsewhere (Telia's self-service): the console learns of it by reading the phonebook again. */
      addPhonebookEntry: simAction(
        v.strictObject({
          displayName: text(1, 64),
          phoneNumber1: v.pipe(v.string(), v.regex(/^[0-9]{3,20}$/)),
          phoneNumber2: v.optional(v.pipe(v.string(), v.regex(/^[0-9]{3,20}$/))),
        }),
        (a) => started(pbx.telia, 'telia').frontEnd.addPhonebookEntry(a),
      ),
      /** The display names set per own number (what callees would see). */
      callerNames: simAction(v.strictObject({}), () => Object.fromEntries(started(pbx.telia, 'telia').frontEnd.callerNames)),
    };
  },
};

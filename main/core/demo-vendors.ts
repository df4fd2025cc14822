/**
 * How the console reaches each vendor's front end of the demo PBX, and the
 * vendor-specific fault switches `--sim-control` exposes. One entry per
 * vendor; the demo's people (callers, colleagues) are vendor-neutral and
 * live in bootstrap's demo control.
 */
import type { Vendor } from '../../app/model';
import { bool, int, literal, object, optional, str, type Validator } from '../../app/validate';
import type { DemoPbx } from '../sim';
import type { ConnectionConfig } from './config';

/** The receptionist's device on the demo PBX. */
export const DEMO_RECEPTION_DEVICE = '1100';

/** A demo control action: its arguments checked by `args`, then `run`. */
export interface SimAction {
  run: (rawArgs: unknown) => unknown;
}

/** Pairs an action with the validator of its arguments, so `run` only ever sees checked, typed arguments. */
export function simAction<A>(args: Validator<A>, run: (args: A) => unknown): SimAction {
  return { run: (rawArgs) => run(args(rawArgs, 'args')) };
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
      pbxLink: simAction(object({ up: bool }), (a) => faults.setPbxLink(a.up)),
      closeSessionByAdmin: simAction(object({ device: optional(demoDevice) }), (a) =>
        faults.closeSessionByAdmin(a.device ?? DEMO_RECEPTION_DEVICE),
      ),
      /** on: TelServer vanishes (sessions lost, connections refused); off: it is back. */
      outage: simAction(object({ on: bool }), async (a) => {
        if (a.on) faults.dropAllSessions();
        await faults.refuseConnections(a.on);
      }),
      malformedDatagram: simAction(object({ device: optional(demoDevice) }), (a) =>
        faults.sendMalformedDatagram(a.device ?? DEMO_RECEPTION_DEVICE),
      ),
      oversizedDatagrams: simAction(
        object({ device: optional(demoDevice), totalBytes: optional(int({ min: 1, max: 8 * 1024 * 1024 })) }),
        (a) => faults.sendOversizedDatagrams(a.device ?? DEMO_RECEPTION_DEVICE, a.totalBytes),
      ),
    };
  },
};

/** The demo password reaches the connector the way a real one does: through the environment variable the config names. */
export const PORTASIP_DEMO_PASSWORD_ENV = 'ATTENDANT_PORTASIP_DEMO_PASSWORD';

const portasip: DemoVendor = {
  connection: (pbx) => {
    const frontEnd = started(pbx.portasip, 'portasip');
    const [login, password] = Object.entries(frontEnd.accounts)[0];
    process.env[PORTASIP_DEMO_PASSWORD_ENV] = password;
    return {
      vendor: 'portasip',
      id: 'demo',
      label: 'Demo Centrex (PortaSIP)',
      url: frontEnd.url,
      login,
      passwordEnv: PORTASIP_DEMO_PASSWORD_ENV,
      watch: [{ i_customer: frontEnd.customerId }],
      reception: { number: DEMO_RECEPTION_DEVICE, label: 'Reception' },
      requestTimeoutMs: 3000,
      heartbeatSeconds: 5,
      resyncSeconds: 30,
    };
  },
  faults: (pbx) => {
    const faults = started(pbx.portasip, 'portasip').faults;
    return {
      abruptClose: simAction(object({}), () => faults.abruptClose()),
      refuseConnections: simAction(object({ on: bool }), (a) => faults.refuseConnections(a.on)),
      expireSessions: simAction(object({}), () => faults.expireSessions()),
      malformedFrame: simAction(object({}), () => faults.sendMalformedFrame()),
      oversizedFrame: simAction(object({ bytes: optional(int({ min: 1, max: 8 * 1024 * 1024 })) }), (a) =>
        faults.sendOversizedFrame(a.bytes),
      ),
      startLoad: simAction(
        object({
          calls: optional(int({ min: 1, max: 5000 })),
          updatesPerSecond: optional(int({ min: 1, max: 2000 })),
          extensions: optional(int({ min: 1, max: 1000 })),
        }),
        (a) => faults.startLoad(a),
      ),
      stopLoad: simAction(object({}), () => faults.stopLoad()),
    };
  },
};

/** The demo Telia password reaches the connector through the environment variable the config names, as a real one does. */
export const TELIA_DEMO_PASSWORD_ENV = 'ATTENDANT_TELIA_DEMO_PASSWORD';

const telia: DemoVendor = {
  connection: (pbx) => {
    const frontEnd = started(pbx.telia, 'telia');
    process.env[TELIA_DEMO_PASSWORD_ENV] = frontEnd.password;
    return {
      vendor: 'telia',
      id: 'demo',
      label: 'Demo Telia Business Phone',
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
        object({ fault: literal('none', 'status500', 'garbage', 'hang'), count: optional(int({ min: 1, max: 1000 })) }),
        (a) => faults.setHttpFault(a.fault, a.count),
      ),
      /** The account's password changes: Telia answers ERR001 from now on. */
      changePassword: simAction(object({ password: str({ min: 1, max: 64 }) }), (a) => faults.setPassword(a.password)),
      /** The display names set per own number (what callees would see). */
      callerNames: simAction(object({}), () => Object.fromEntries(started(pbx.telia, 'telia').frontEnd.callerNames)),
    };
  },
};

/** The demo innovaphone password reaches the connector through the environment variable the config names, as a real one does. */
export const INNOVAPHONE_DEMO_PASSWORD_ENV = 'ATTENDANT_INNOVAPHONE_DEMO_PASSWORD';

const innovaphone: DemoVendor = {
  connection: (pbx) => {
    const frontEnd = started(pbx.innovaphone, 'innovaphone');
    process.env[INNOVAPHONE_DEMO_PASSWORD_ENV] = frontEnd.accounts[frontEnd.sessionUser];
    return {
      vendor: 'innovaphone',
      id: 'demo',
      label: 'Demo PBX (innovaphone)',
      url: frontEnd.url,
      username: frontEnd.sessionUser,
      passwordEnv: INNOVAPHONE_DEMO_PASSWORD_ENV,
      requestTimeoutMs: 3000,
      // Short, so a lost session is noticed within seconds in the demo.
      echoIntervalSeconds: 3,
      lines: [{ cn: frontEnd.sessionUser, number: DEMO_RECEPTION_DEVICE, label: 'Reception' }],
    };
  },
  faults: (pbx) => {
    const faults = started(pbx.innovaphone, 'innovaphone').faults;
    return {
      soapFault: simAction(object({ count: optional(int({ min: 1, max: 1000 })), op: optional(str({ min: 1, max: 32 })) }), (a) =>
        faults.soapFault(a.count, a.op),
      ),
      invalidateSessions: simAction(object({}), () => faults.invalidateSessions()),
      dropConnections: simAction(object({}), () => faults.dropConnections()),
      slowPoll: simAction(object({ ms: int({ min: 0, max: 120_000 }) }), (a) => faults.slowPoll(a.ms)),
      presenceLoad: simAction(object({ perSecond: int({ min: 1, max: 5000 }), seconds: int({ min: 1, max: 600 }) }), (a) =>
        faults.presenceLoad(a.perSecond, a.seconds),
      ),
      setPresence: simAction(object({ device: demoDevice, activity: optional(str({ max: 32 })), note: optional(str({ max: 128 })) }), (a) =>
        faults.setPresence(a.device, a.activity || a.note ? { activity: a.activity ?? '', note: a.note ?? '' } : undefined),
      ),
    };
  },
};

export const DEMO_VENDORS: Partial<Record<Vendor, DemoVendor>> = { telserver, portasip, telia, innovaphone };

function started<T>(frontEnd: T | undefined, vendor: Vendor): T {
  if (!frontEnd) throw new Error(`The demo PBX was started without its ${vendor} front end.`);
  return frontEnd;
}

/** Telia Estonia Business Phone "Smart calls" (SOAP): connection settings (docs/CONFIG.md) and the settings form. */
import { connectionId, connectionLabel, country, envName, host, listenPort, sha256Fingerprint, timeoutMs } from '../validation/fields';
import { integer, says, text, v } from '../validation/schema';
import { COMMON_FIELDS, commonSettings, type VendorDefinition } from './definition';

const httpsUrl = v.pipe(text(9, 512), v.regex(/^https:\/\/[^\s]+$/, says('validation.url')));
const ipAddress = v.pipe(text(2, 45), v.regex(/^[0-9a-fA-F.:]+$/, says('validation.host')));

/** Telia calls the console: an HTTP listener registered with activateNotification. */
const listen = v.strictObject({
  mode: v.literal('listen'),
  bindAddress: v.optional(host),
  port: v.optional(listenPort),
  /** What Telia must call (scheme, host, port of the proxy / NAT in front of the console). */
  publicBaseUrl: v.optional(v.pipe(text(8, 512), v.regex(/^https?:\/\/[^\s/?#]+\/?$/, says('validation.url')))),
  /** Accepted source addresses. Default: Telia's notification servers from the documents. */
  allowedSources: v.optional(v.pipe(v.array(ipAddress), v.minLength(1, says('validation.atLeastOneSource')), v.maxLength(32))),
  /** A ringing call with no further notification is closed after this long. Default 180 s. */
  ringingTimeoutSeconds: v.optional(integer(10, 3600)),
});

/** The console cannot be reached: it polls getCallHistory instead. */
const poll = v.strictObject({
  mode: v.literal('poll'),
  /** Default 20 s. */
  intervalSeconds: v.optional(integer(5, 3600)),
});

export const teliaConnectionSchema = v.strictObject({
  vendor: v.literal('telia'),
  id: connectionId,
  label: connectionLabel,
  /** The group administrator's user name (e.g. P0000000@elion.ee). */
  username: text(1, 128),
  /** Name of the environment variable holding the password (else the password saved for the connection). */
  passwordEnv: v.optional(envName),
  /** Default: Telia's production endpoints. */
  servicesUrl: v.optional(httpsUrl),
  phonebookUrl: v.optional(httpsUrl),
  /** SHA-256 fingerprint of a self-signed server certificate to trust (tests, the demo). */
  tlsFingerprint256: v.optional(sha256Fingerprint),
  /** Country of the own numbers and of numbers typed without a country code. */
  country: v.optional(country),
  requestTimeoutMs: v.optional(timeoutMs),
  /** How often the connection is checked while online (listen mode). Default 60 s. */
  checkSeconds: v.optional(integer(5, 3600)),
  /** How often the company phonebook is read again, so entries added or changed elsewhere show. Default 30 s. */
  phonebookRefreshSeconds: v.optional(integer(5, 3600)),
  notifications: v.variant('mode', [listen, poll]),
});

export type TeliaConnectionConfig = v.InferOutput<typeof teliaConnectionSchema>;
export type TeliaListenConfig = v.InferOutput<typeof listen>;
export type TeliaPollConfig = v.InferOutput<typeof poll>;

export const telia: VendorDefinition<TeliaConnectionConfig> = {
  vendor: 'telia',
  name: 'Telia Smart calls',
  schema: teliaConnectionSchema,
  form: {
    passwordRequired: true,
    fields: [
      ...COMMON_FIELDS,
      {
        key: 'username',
        label: 'settings.field.teliaUsername',
        kind: 'text',
        required: true,
        example: 'P0000000@elion.ee',
        paths: /^username$/,
      },
    ],
    toConnection: (values, base) => ({
      ...base,
      vendor: 'telia',
      ...commonSettings(values),
      username: (values.username ?? '').trim(),
      // A console behind NAT cannot be called back: poll unless the saved settings say otherwise.
      notifications: base?.notifications ?? { mode: 'poll' },
    }),
    toValues: (c) => ({ label: c.label, id: c.id, username: c.username }),
  },
  credentialTarget: (c) => ({
    username: c.username,
    servicesUrl: c.servicesUrl,
    phonebookUrl: c.phonebookUrl,
    tlsFingerprint256: c.tlsFingerprint256,
  }),
};

/** uniGone TelServer: connection settings (docs/CONFIG.md) and the settings form. */
import {
  connectionId,
  connectionLabel,
  country,
  deviceNumber,
  envName,
  host,
  lineLabel,
  listenPort,
  port,
  splitList,
  timeoutMs,
} from '../validation/fields';
import { integer, says, text, uniqueItems, v } from '../validation/schema';
import { COMMON_FIELDS, commonSettings, formNumber, formText, type VendorDefinition } from './definition';

const line = v.strictObject({
  device: deviceNumber,
  label: v.optional(lineLabel),
  country: v.optional(country),
  userId: v.optional(text(1, 64)),
  /** Name of the environment variable holding this line's password. */
  passwordEnv: v.optional(envName),
});

export const telServerConnectionSchema = v.pipe(
  v.strictObject({
    vendor: v.literal('telserver'),
    id: connectionId,
    label: connectionLabel,
    host,
    port,
    /** TelServer's telserver.TelServices.endOfPDU.sequence, when the server is configured with one. */
    endOfPdu: v.optional(text(1, 16)),
    requestTimeoutMs: v.optional(timeoutMs),
    sessionTimeoutSeconds: v.optional(integer(10, 86_400)),
    /** How often the keepalive snapshot goes (default: a third of the session timeout, at most 10 s). */
    keepaliveSeconds: v.optional(integer(1, 300)),
    /** Where to receive UDP events; the address TelServer can reach this machine on. */
    events: v.optional(v.strictObject({ bindAddress: v.optional(host), port: v.optional(listenPort) })),
    lines: v.pipe(v.array(line), v.minLength(1, says('validation.atLeastOneLine')), v.maxLength(64)),
  }),
  uniqueItems('lines', 'device'),
);

export type TelServerConnectionConfig = v.InferOutput<typeof telServerConnectionSchema>;
export type TelServerLineConfig = TelServerConnectionConfig['lines'][number];

export const telserver: VendorDefinition<TelServerConnectionConfig> = {
  vendor: 'telserver',
  name: 'TelServer',
  schema: telServerConnectionSchema,
  form: {
    passwordRequired: false,
    fields: [
      ...COMMON_FIELDS,
      {
        key: 'host',
        label: 'settings.field.telserverHost',
        kind: 'text',
        required: true,
        example: 'telserver.example.com',
        paths: /^host$/,
      },
      { key: 'port', label: 'settings.field.telserverPort', kind: 'number', required: true, example: '4000', paths: /^port$/ },
      {
        key: 'devices',
        label: 'settings.field.devices',
        kind: 'text',
        required: true,
        example: '1100, 1101',
        paths: /^lines(\[\d+\]\.device)?$/,
      },
      { key: 'userId', label: 'settings.field.telserverUserId', kind: 'text', required: false, paths: /^lines\[\d+\]\.userId$/ },
    ],
    toConnection: (values, base) => {
      const userId = (values.userId ?? '').trim();
      const previous = new Map((base?.lines ?? []).map((l) => [l.device, l]));
      return {
        ...base,
        vendor: 'telserver',
        ...commonSettings(values),
        host: (values.host ?? '').trim(),
        port: formNumber(values.port),
        lines: splitList(values.devices ?? '').map((device) => {
          const { userId: _previousUser, ...kept } = previous.get(device) ?? { device };
          return userId ? { ...kept, userId } : kept;
        }),
      };
    },
    toValues: (c) => ({
      label: c.label,
      id: c.id,
      host: c.host,
      port: formText(c.port),
      devices: c.lines.map((l) => l.device).join(', '),
      userId: c.lines.find((l) => l.userId)?.userId ?? '',
    }),
  },
  // A line that logs in sends the password as its user: the users are part of where it goes.
  credentialTarget: (c) => ({ host: c.host, port: c.port, users: [...new Set(c.lines.map((l) => l.userId ?? ''))].sort() }),
};

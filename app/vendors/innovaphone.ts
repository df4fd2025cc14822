/** innovaphone PBX (SOAP): connection settings (docs/CONFIG.md) and the settings form. */
import {
  connectionId,
  connectionLabel,
  country,
  deviceNumber,
  envName,
  lineLabel,
  sha256Fingerprint,
  splitList,
  timeoutMs,
} from '../validation/fields';
import { integer, says, text, uniqueItems, v } from '../validation/schema';
import { COMMON_FIELDS, commonSettings, type VendorDefinition } from './definition';

/** http(s)://<pbx>/PBX0/user.soap (or /PBX0-<dyn-id>/user.soap). */
const soapUrl = v.pipe(text(8, 512), v.regex(/^https?:\/\/[^\s/?#]+\/[^\s?#]*$/, says('validation.url')));

const line = v.strictObject({
  /** The monitored PBX user's Long Name (cn). */
  cn: text(1, 128),
  label: v.optional(lineLabel),
  country: v.optional(country),
  /** Shown until the PBX reports the user's number. */
  number: v.optional(deviceNumber),
});

export const innovaphoneConnectionSchema = v.pipe(
  v.strictObject({
    vendor: v.literal('innovaphone'),
    id: connectionId,
    label: connectionLabel,
    url: soapUrl,
    /** HTTP user: the session user's Long Name or the gateway admin. */
    username: text(1, 128),
    /** The environment variable holding the HTTP password (else the password saved for the connection). */
    passwordEnv: v.optional(envName),
    /** 'auto' (default) answers the PBX's challenge, preferring Digest. */
    auth: v.optional(v.picklist(['auto', 'basic', 'digest'])),
    /**
     * The WSDL the PBX binds requests by: 'pbx10' (pbx10_00, rpc/encoded),
     * 'pbx11' (pbx11_00, document/literal), or 'auto' (default): probe with Version.
     */
    dialect: v.optional(v.picklist(['auto', 'pbx10', 'pbx11'])),
    /** The user whose scope the session sees (Initialize's user); default `username`. */
    sessionUser: v.optional(text(1, 128)),
    /** For self-signed PBX certificates: the certificate's SHA-256 fingerprint. */
    tlsFingerprint256: v.optional(sha256Fingerprint),
    /** Path of a PEM CA file to trust for the PBX (instead of the system CAs). */
    tlsCaFile: v.optional(text(1, 1024)),
    requestTimeoutMs: v.optional(timeoutMs),
    pollTimeoutSeconds: v.optional(integer(5, 300)),
    echoIntervalSeconds: v.optional(integer(1, 600)),
    lines: v.pipe(v.array(line), v.minLength(1, says('validation.atLeastOneUser')), v.maxLength(64)),
  }),
  uniqueItems('lines', 'cn'),
);

export type InnovaphoneConnectionConfig = v.InferOutput<typeof innovaphoneConnectionSchema>;
export type InnovaphoneLineConfig = InnovaphoneConnectionConfig['lines'][number];

export const innovaphone: VendorDefinition<InnovaphoneConnectionConfig> = {
  vendor: 'innovaphone',
  name: 'innovaphone',
  schema: innovaphoneConnectionSchema,
  form: {
    passwordRequired: true,
    fields: [
      ...COMMON_FIELDS,
      {
        key: 'url',
        label: 'settings.field.innovaphoneUrl',
        kind: 'url',
        required: true,
        example: 'https://pbx.example.com/PBX0/user.soap',
        paths: /^url$/,
      },
      { key: 'username', label: 'settings.field.username', kind: 'text', required: true, paths: /^username$/ },
      {
        key: 'users',
        label: 'settings.field.innovaphoneUsers',
        kind: 'text',
        required: true,
        example: 'Reception, Reception 2',
        paths: /^lines(\[\d+\]\.cn)?$/,
      },
    ],
    toConnection: (values, base) => {
      const previous = new Map((base?.lines ?? []).map((l) => [l.cn, l]));
      return {
        ...base,
        vendor: 'innovaphone',
        ...commonSettings(values),
        url: (values.url ?? '').trim(),
        username: (values.username ?? '').trim(),
        lines: splitList(values.users ?? '').map((cn) => previous.get(cn) ?? { cn }),
      };
    },
    toValues: (c) => ({ label: c.label, id: c.id, url: c.url, username: c.username, users: c.lines.map((l) => l.cn).join(', ') }),
  },
  credentialTarget: (c) => ({
    url: c.url,
    username: c.username,
    auth: c.auth ?? 'auto',
    tlsFingerprint256: c.tlsFingerprint256,
    tlsCaFile: c.tlsCaFile,
  }),
};

/** PortaSIP Call Control (JSON-RPC over WebSocket): connection settings (docs/CONFIG.md) and the settings form. */
import {
  connectionId,
  connectionLabel,
  country,
  deviceNumber,
  envName,
  lineLabel,
  sha256Fingerprint,
  timeoutMs,
} from '../validation/fields';
import { parseUrl } from '../url';
import { integer, issuePathTo, says, text, v } from '../validation/schema';
import { COMMON_FIELDS, commonSettings, formNumber, formText, type VendorDefinition } from './definition';

/** The keys a subscription scope may have (the document's enable_api_notifications). */
export const PORTASIP_SCOPE_KEYS = ['i_account', 'i_customer', 'i_main_office', 'i_ivr_an'] as const;
export type PortaSipScopeKey = (typeof PORTASIP_SCOPE_KEYS)[number];
export type PortaSipScope = { [K in PortaSipScopeKey]: { [P in K]: number } }[PortaSipScopeKey];

const scopeId = v.pipe(
  v.number(says('validation.positiveInteger')),
  v.integer(says('validation.positiveInteger')),
  v.minValue(1, says('validation.positiveInteger')),
);

/** Exactly one of the scope keys: a watched extension, a whole Centrex, a main office or an IVR. */
const scope = v.pipe(
  v.strictObject({
    i_account: v.optional(scopeId),
    i_customer: v.optional(scopeId),
    i_main_office: v.optional(scopeId),
    i_ivr_an: v.optional(scopeId),
  }),
  v.check((s) => PORTASIP_SCOPE_KEYS.filter((k) => s[k] !== undefined).length === 1, says('validation.exactlyOneScope')),
  v.transform((s): PortaSipScope => {
    if (s.i_account !== undefined) return { i_account: s.i_account };
    if (s.i_customer !== undefined) return { i_customer: s.i_customer };
    if (s.i_main_office !== undefined) return { i_main_office: s.i_main_office };
    return { i_ivr_an: s.i_ivr_an ?? 0 };
  }),
);

/** A PortaSwitch account ID (the document's "account_id", e.g. "123007"): no spaces, as PortaBilling shows it. */
const accountId = v.pipe(text(1, 64), v.regex(/^\S+$/, says('validation.text')));

const extension = v.strictObject({
  /** The extension's number as PortaSIP reports it (extension_id / account_id). */
  number: deviceNumber,
  label: v.optional(lineLabel),
  /**
   * The PortaSwitch account ID to charge for calls this line places
   * (originate_advanced_call's bill_id: "the ID of the agent's account in
   * PortaSwitch to charge for this call"). Not the extension number; without
   * it the line places no calls, since the document gives bill_id no default.
   */
  billId: v.optional(accountId),
});

/** A call queue's i_c_queue (the document's "unique ID of a call queue record"), as a JSON object key. */
const queueId = v.pipe(v.string(), v.regex(/^[1-9]\d{0,17}$/, says('portasip.settings.queueNamesInvalid')));

/** i_c_queue → the queue's name: the API sends only the id (the names are PortaBilling's get_callqueue_list, outside it). */
const queueNames = v.pipe(
  v.record(queueId, lineLabel, says('portasip.settings.queueNamesInvalid')),
  v.check((names) => Object.keys(names).length <= 1000, says('portasip.settings.queueNamesInvalid')),
);

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** wss://<web server>:<port>/ws; ws:// only for a server on this machine (the demo PBX). */
const apiUrl = v.pipe(
  text(8, 512),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const url = parseUrl(dataset.value);
    if (!url) {
      addIssue({ message: says('validation.url') });
      return;
    }
    if (url.username || url.password) addIssue({ message: says('validation.urlCredentials') });
    else if (url.protocol === 'ws:' && !LOOPBACK.has(url.hostname)) addIssue({ message: says('validation.wsOnlyLoopback') });
    else if (url.protocol !== 'wss:' && url.protocol !== 'ws:') addIssue({ message: says('validation.wsOnlyLoopback') });
  }),
);

export const portaSipConnectionSchema = v.pipe(
  v.strictObject({
    vendor: v.literal('portasip'),
    id: connectionId,
    label: connectionLabel,
    /**
     * wss://<web server>:<port>/ws, the port of the realm the login belongs to
     * (document: administrators 443, customers 8444, resellers 8442, accounts 8445).
     */
    url: apiUrl,
    /** SHA-256 fingerprint of a self-signed server certificate to trust. */
    certificateSha256: v.optional(sha256Fingerprint),
    /** API login (account ID, or the customer's / reseller's / administrator's login). */
    login: text(1, 64),
    /** Environment variable holding the API password (else the password saved for the connection). */
    passwordEnv: v.optional(envName),
    /** What to watch: one extension (i_account), a whole Centrex (i_customer), a main office (i_main_office). */
    watch: v.pipe(v.array(scope), v.minLength(1, says('validation.atLeastOneScope')), v.maxLength(16)),
    /** The receptionist's own extension: calls placed from the console ring it first (callback). */
    reception: extension,
    /** Colleagues' extensions to show even before they have a call (others appear with their first call). */
    extensions: v.optional(v.pipe(v.array(extension), v.maxLength(1000))),
    country: v.optional(country),
    /** How answer_call asks the phone to answer: NOTIFY "Event: talk" (default) or a new INVITE with auto-answer. */
    answerMode: v.optional(v.picklist(['notify', 'invite'])),
    /** Call queue names by i_c_queue, e.g. { "1": "Sales" }: how a queued call names its queue. */
    queueNames: v.optional(queueNames),
    requestTimeoutMs: v.optional(timeoutMs),
    /** WebSocket ping interval; a missing pong by the next one drops the connection. Default 15. */
    heartbeatSeconds: v.optional(integer(1, 300)),
    /** How often the calls list is fetched again (repairs anything missed, and checks the session). Default 60. */
    resyncSeconds: v.optional(integer(5, 3600)),
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const numbers = new Set([dataset.value.reception.number]);
    for (const [index, ext] of (dataset.value.extensions ?? []).entries()) {
      if (numbers.has(ext.number)) {
        addIssue({ message: says('validation.listedTwice'), path: issuePathTo(dataset.value, ['extensions', index, 'number']) });
        return;
      }
      numbers.add(ext.number);
    }
  }),
);

export type PortaSipConnectionConfig = v.InferOutput<typeof portaSipConnectionSchema>;
export type PortaSipExtensionConfig = PortaSipConnectionConfig['reception'];

export const portasip: VendorDefinition<PortaSipConnectionConfig> = {
  vendor: 'portasip',
  name: 'PortaSIP',
  schema: portaSipConnectionSchema,
  form: {
    passwordRequired: true,
    fields: [
      ...COMMON_FIELDS,
      {
        key: 'url',
        label: 'settings.field.portasipUrl',
        kind: 'url',
        required: true,
        example: 'wss://pbx.example.com:8444/ws',
        paths: /^url$/,
      },
      { key: 'login', label: 'settings.field.portasipLogin', kind: 'text', required: true, paths: /^login$/ },
      {
        key: 'customer',
        label: 'settings.field.portasipCustomer',
        kind: 'number',
        required: true,
        paths: /^watch(\[\d+\](\.i_customer)?)?$/,
      },
      {
        key: 'reception',
        label: 'settings.field.portasipReception',
        kind: 'text',
        required: true,
        example: '1100',
        paths: /^reception(\.number)?$/,
      },
      {
        key: 'billId',
        label: 'portasip.settings.billId',
        kind: 'text',
        required: false,
        example: '37255501100',
        hint: 'portasip.settings.billIdHint',
        paths: /^reception\.billId$/,
      },
      {
        key: 'queueNames',
        label: 'portasip.settings.queueNames',
        kind: 'text',
        required: false,
        example: '1=Sales; 2=Support',
        hint: 'portasip.settings.queueNamesHint',
        paths: /^queueNames/,
      },
    ],
    toConnection: (values, base) => ({
      ...base,
      vendor: 'portasip',
      ...commonSettings(values),
      url: (values.url ?? '').trim(),
      login: (values.login ?? '').trim(),
      watch: [{ i_customer: formNumber(values.customer) }],
      reception: receptionOf(values, base?.reception),
      queueNames: queueNamesOf(values.queueNames),
    }),
    toValues: (c) => ({
      label: c.label,
      id: c.id,
      url: c.url,
      login: c.login,
      customer: formText(c.watch.find(isCustomerScope)?.i_customer),
      reception: c.reception.number,
      billId: c.reception.billId ?? '',
      queueNames: Object.entries(c.queueNames ?? {})
        .map(([id, name]) => `${id}=${name}`)
        .join('; '),
    }),
  },
  credentialTarget: (c) => ({ url: c.url, login: c.login, certificateSha256: c.certificateSha256 }),
};

/** The reception line from the form, keeping its label; an emptied account to charge is removed, not kept from before. */
function receptionOf(values: Readonly<Record<string, string>>, base: PortaSipExtensionConfig | undefined): Record<string, unknown> {
  const billId = (values.billId ?? '').trim();
  const reception: Record<string, unknown> = { number: (values.reception ?? '').trim() };
  if (base?.label !== undefined) reception.label = base.label;
  if (billId) reception.billId = billId;
  return reception;
}

/**
 * The form's "1=Sales; 2=Support" as { "1": "Sales", "2": "Support" };
 * undefined when empty (the setting is removed). Text that is not such a
 * list stays text, so the schema says what is wrong at the field.
 */
function queueNamesOf(value: string | undefined): Record<string, string> | string | undefined {
  const entries = (value ?? '')
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (entries.length === 0) return undefined;
  const names: Record<string, string> = {};
  for (const entry of entries) {
    const [, id, name] = /^(\d+)\s*=\s*(.+)$/.exec(entry) ?? [];
    if (id === undefined || name === undefined) return value;
    names[id] = name.trim();
  }
  return names;
}

function isCustomerScope(scope: PortaSipScope): scope is { i_customer: number } {
  return 'i_customer' in scope;
}

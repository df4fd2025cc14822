/** PortaSIP connection settings (docs/CONFIG.md) and their validator. */
import { array, int, literal, object, optional, str, ValidationError, type Validator } from '../../../app/validate';
import { connectionId, connectionLabel, country, envName, lineLabel } from '../../core/config-fields';
import type { PsAnswerMode, PsScope } from './messages';
import { PS_SCOPE_KEYS } from './messages';

export interface PortaSipExtensionConfig {
  /** The extension's number as PortaSIP reports it (extension_id / account_id). */
  number: string;
  label?: string;
}

export interface PortaSipConnectionConfig {
  vendor: 'portasip';
  id: string;
  label: string;
  /**
   * wss://<web server>:<port>/ws, the port of the realm the login belongs to
   * (document: administrators 443, customers 8444, resellers 8442, accounts
   * 8445). ws:// is accepted for loopback hosts only (the demo PBX).
   */
  url: string;
  /** SHA-256 fingerprint of a self-signed server certificate to trust ("AB:CD:…"). */
  certificateSha256?: string;
  /** API login (account ID, or the customer's / reseller's / administrator's login). */
  login: string;
  /** Environment variable holding the API password (else the password saved for the connection in the credential store). */
  passwordEnv?: string;
  /** What to watch: one extension (i_account), a whole Centrex (i_customer), a main office (i_main_office). */
  watch: PsScope[];
  /** The receptionist's own extension: calls placed from the console ring it first (callback). */
  reception: PortaSipExtensionConfig;
  /** Colleagues' extensions to show even before they have a call (others appear with their first call). */
  extensions?: PortaSipExtensionConfig[];
  country?: string;
  /** How answer_call asks the phone to answer: NOTIFY "Event: talk" (default) or a new INVITE with auto-answer. */
  answerMode?: PsAnswerMode;
  requestTimeoutMs?: number;
  /** WebSocket ping interval; a missing pong by the next one drops the connection. Default 15. */
  heartbeatSeconds?: number;
  /** How often the calls list is fetched again (repairs anything missed, and checks the session). Default 60. */
  resyncSeconds?: number;
}

const extensionNumber = str({ min: 1, max: 32, pattern: /^\+?[0-9*#]+$/ });
const extension = object({ number: extensionNumber, label: optional(lineLabel) });
const id = int({ min: 1, max: Number.MAX_SAFE_INTEGER });

const scope: Validator<PsScope> = (value, path = '') => {
  const parsed = object({ i_account: optional(id), i_customer: optional(id), i_main_office: optional(id), i_ivr_an: optional(id) })(
    value,
    path,
  );
  const keys = PS_SCOPE_KEYS.filter((k) => parsed[k] !== undefined);
  if (keys.length !== 1) throw new ValidationError(path, 'exactly one of i_account, i_customer, i_main_office, i_ivr_an');
  return { [keys[0]]: parsed[keys[0]] } as PsScope;
};

const portaSipConnection = object({
  vendor: literal('portasip'),
  id: connectionId,
  label: connectionLabel,
  url: str({ min: 8, max: 512 }),
  certificateSha256: optional(str({ pattern: /^([0-9A-Fa-f]{2}:?){31}[0-9A-Fa-f]{2}$/ })),
  login: str({ min: 1, max: 64 }),
  passwordEnv: optional(envName),
  watch: array(scope, 16),
  reception: extension,
  extensions: optional(array(extension, 1000)),
  country: optional(country),
  answerMode: optional(literal('notify', 'invite')),
  requestTimeoutMs: optional(int({ min: 200, max: 60_000 })),
  heartbeatSeconds: optional(int({ min: 1, max: 300 })),
  resyncSeconds: optional(int({ min: 5, max: 3600 })),
});

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Validates one `"vendor": "portasip"` connection: wss:// (or ws:// on loopback only), at least one scope. */
export const portaSipConnectionConfig: Validator<PortaSipConnectionConfig> = (value, path = '') => {
  const config = portaSipConnection(value, path) as PortaSipConnectionConfig;
  let url: URL;
  try {
    url = new URL(config.url);
  } catch {
    throw new ValidationError(`${path}.url`, 'a URL like wss://pbx.example.com:8444/ws');
  }
  if (url.username || url.password) throw new ValidationError(`${path}.url`, 'a URL without credentials (use login and passwordEnv)');
  if (url.protocol === 'ws:' && !LOOPBACK.has(url.hostname))
    throw new ValidationError(`${path}.url`, 'wss:// (plain ws:// only for a server on this machine)');
  if (url.protocol !== 'wss:' && url.protocol !== 'ws:') throw new ValidationError(`${path}.url`, 'a wss:// URL');
  if (config.watch.length === 0) throw new ValidationError(`${path}.watch`, 'at least one scope (i_account, i_customer or i_main_office)');
  const numbers = new Set([config.reception.number]);
  for (const [i, ext] of (config.extensions ?? []).entries()) {
    if (numbers.has(ext.number))
      throw new ValidationError(`${path}.extensions[${i}].number`, `an extension not listed twice (${ext.number})`);
    numbers.add(ext.number);
  }
  return config;
};

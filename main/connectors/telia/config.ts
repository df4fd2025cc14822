/** Telia Smart calls connection settings (docs/CONFIG.md) and their validator. */
import { array, int, literal, object, optional, str, union, ValidationError, type Validator } from '../../../app/validate';
import { connectionId, connectionLabel, country, envName, host } from '../../core/config-fields';

export interface TeliaConnectionConfig {
  vendor: 'telia';
  id: string;
  label: string;
  /** The group administrator's user name (e.g. P0000000@elion.ee). */
  username: string;
  /** Name of the environment variable holding the password (else the password saved for the connection in the credential store). */
  passwordEnv?: string;
  /** Default: Telia's production endpoints. */
  servicesUrl?: string;
  phonebookUrl?: string;
  /** SHA-256 fingerprint of a self-signed server certificate to trust (tests, the demo). */
  tlsFingerprint256?: string;
  /** Country of the own numbers and of numbers typed without a country code. */
  country?: string;
  requestTimeoutMs?: number;
  /** How often the connection is checked while online (listen mode). Default 60 s. */
  checkSeconds?: number;
  notifications: TeliaListenConfig | TeliaPollConfig;
}

/** Telia calls the console: an HTTP listener registered with activateNotification. */
export interface TeliaListenConfig {
  mode: 'listen';
  bindAddress?: string;
  port?: number;
  /** What Telia must call (scheme, host, port of the proxy / NAT in front of the console). */
  publicBaseUrl?: string;
  /** Accepted source addresses. Default: Telia's notification servers from the documents. */
  allowedSources?: string[];
  /** A ringing call with no further notification is closed after this long. Default 180 s. */
  ringingTimeoutSeconds?: number;
}

/** The console cannot be reached: it polls getCallHistory instead. */
export interface TeliaPollConfig {
  mode: 'poll';
  /** Default 20 s. */
  intervalSeconds?: number;
}

const url = str({ min: 9, max: 512, pattern: /^https:\/\/[^\s]+$/ });
const ip = str({ min: 2, max: 45, pattern: /^[0-9a-fA-F.:]+$/ });

const listen = object({
  mode: literal('listen'),
  bindAddress: optional(host),
  port: optional(int({ min: 0, max: 65535 })),
  publicBaseUrl: optional(str({ min: 8, max: 512, pattern: /^https?:\/\/[^\s/?#]+\/?$/ })),
  allowedSources: optional(array(ip, 32)),
  ringingTimeoutSeconds: optional(int({ min: 10, max: 3600 })),
});

const poll = object({ mode: literal('poll'), intervalSeconds: optional(int({ min: 5, max: 3600 })) });

const teliaConnection = object({
  vendor: literal('telia'),
  id: connectionId,
  label: connectionLabel,
  username: str({ min: 1, max: 128 }),
  passwordEnv: optional(envName),
  servicesUrl: optional(url),
  phonebookUrl: optional(url),
  tlsFingerprint256: optional(str({ pattern: /^([0-9A-Fa-f]{2}:?){31}[0-9A-Fa-f]{2}$/ })),
  country: optional(country),
  requestTimeoutMs: optional(int({ min: 200, max: 60_000 })),
  checkSeconds: optional(int({ min: 5, max: 3600 })),
  notifications: union<TeliaListenConfig | TeliaPollConfig>('mode', {
    listen: listen,
    poll: poll,
  }),
});

export const teliaConnectionConfig: Validator<TeliaConnectionConfig> = (value, path = '') => {
  const config = teliaConnection(value, path) as TeliaConnectionConfig;
  if (config.notifications.mode === 'listen' && config.notifications.allowedSources?.length === 0) {
    throw new ValidationError(`${path}.notifications.allowedSources`, "at least one address (leave it out for Telia's own servers)");
  }
  return config;
};

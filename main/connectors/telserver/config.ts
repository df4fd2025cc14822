/** TelServer connection settings (docs/CONFIG.md) and their validator. */
import { array, int, literal, object, optional, str, ValidationError, type Validator } from '../../../app/validate';
import { connectionId, connectionLabel, country, envName, host, lineLabel, port } from '../../core/config-fields';

export interface TelServerLineConfig {
  device: string;
  label?: string;
  country?: string;
  userId?: string;
  /** Name of the environment variable holding this line's password. */
  passwordEnv?: string;
}

export interface TelServerConnectionConfig {
  vendor: 'telserver';
  id: string;
  label: string;
  host: string;
  port: number;
  /** TelServer's telserver.TelServices.endOfPDU.sequence, when the server is configured with one. */
  endOfPdu?: string;
  requestTimeoutMs?: number;
  sessionTimeoutSeconds?: number;
  /** How often to send the keepalive snapshot (default: a third of the session timeout, at most 30 s). */
  keepaliveSeconds?: number;
  /** Where to receive UDP events; the address TelServer can reach this machine on. */
  events?: { bindAddress?: string; port?: number };
  lines: TelServerLineConfig[];
}

const deviceNumber = str({ min: 1, max: 32, pattern: /^[0-9*#+]+$/ });

const telServerLine = object({
  device: deviceNumber,
  label: optional(lineLabel),
  country: optional(country),
  userId: optional(str({ min: 1, max: 64 })),
  passwordEnv: optional(envName),
});

const telServerConnection = object({
  vendor: literal('telserver'),
  id: connectionId,
  label: connectionLabel,
  host,
  port,
  endOfPdu: optional(str({ min: 1, max: 16 })),
  requestTimeoutMs: optional(int({ min: 200, max: 60_000 })),
  sessionTimeoutSeconds: optional(int({ min: 10, max: 86_400 })),
  keepaliveSeconds: optional(int({ min: 1, max: 300 })),
  events: optional(object({ bindAddress: optional(host), port: optional(int({ min: 0, max: 65535 })) })),
  lines: array(telServerLine, 64),
});

/** Validates one `"vendor": "telserver"` connection, including the cross-field rules. */
export const telServerConnectionConfig: Validator<TelServerConnectionConfig> = (value, path = '') => {
  const config = telServerConnection(value, path) as TelServerConnectionConfig;
  if (config.lines.length === 0) throw new ValidationError(`${path}.lines`, 'at least one line');
  const devices = new Set<string>();
  for (const [i, line] of config.lines.entries()) {
    if (devices.has(line.device)) throw new ValidationError(`${path}.lines[${i}].device`, `a device not listed twice (${line.device})`);
    devices.add(line.device);
  }
  return config;
};

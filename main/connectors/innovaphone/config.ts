/** innovaphone connection settings (docs/CONFIG.md) and their validator. */
import { array, int, literal, object, optional, str, ValidationError, type Validator } from '../../../app/validate';
import { connectionId, connectionLabel, country, envName, lineLabel } from '../../core/config-fields';

export interface InnovaphoneLineConfig {
  /** The monitored PBX user's Long Name (cn). */
  cn: string;
  label?: string;
  country?: string;
  /** Shown until the PBX reports the user's number. */
  number?: string;
}

export interface InnovaphoneConnectionConfig {
  vendor: 'innovaphone';
  id: string;
  label: string;
  /** The SOAP URL: http(s)://<pbx>/PBX0/user.soap (or /PBX0-<dyn-id>/user.soap). */
  url: string;
  /** HTTP user: the session user's Long Name or the gateway admin. */
  username: string;
  /** Name of the environment variable holding the HTTP password (else the password saved for the connection in the credential store). */
  passwordEnv?: string;
  /** 'auto' (default) answers the PBX's challenge, preferring Digest. */
  auth?: 'auto' | 'basic' | 'digest';
  /** The user whose scope the session sees (Initialize's user); default `username`. */
  sessionUser?: string;
  /** For self-signed PBX certificates: the certificate's SHA-256 fingerprint. */
  tlsFingerprint256?: string;
  /** Path of a PEM CA file to trust for the PBX (instead of the system CAs). */
  tlsCaFile?: string;
  requestTimeoutMs?: number;
  pollTimeoutSeconds?: number;
  echoIntervalSeconds?: number;
  lines: InnovaphoneLineConfig[];
}

const soapUrl = str({ min: 8, max: 512, pattern: /^https?:\/\/[^\s/?#]+\/[^\s?#]*$/ });

const innovaphoneLine = object({
  cn: str({ min: 1, max: 128 }),
  label: optional(lineLabel),
  country: optional(country),
  number: optional(str({ min: 1, max: 32, pattern: /^[0-9*#+]+$/ })),
});

const innovaphoneConnection = object({
  vendor: literal('innovaphone'),
  id: connectionId,
  label: connectionLabel,
  url: soapUrl,
  username: str({ min: 1, max: 128 }),
  passwordEnv: optional(envName),
  auth: optional(literal('auto', 'basic', 'digest')),
  sessionUser: optional(str({ min: 1, max: 128 })),
  tlsFingerprint256: optional(str({ pattern: /^([0-9A-Fa-f]{2}:?){31}[0-9A-Fa-f]{2}$/ })),
  tlsCaFile: optional(str({ min: 1, max: 1024 })),
  requestTimeoutMs: optional(int({ min: 200, max: 60_000 })),
  pollTimeoutSeconds: optional(int({ min: 5, max: 300 })),
  echoIntervalSeconds: optional(int({ min: 1, max: 600 })),
  lines: array(innovaphoneLine, 64),
});

export const innovaphoneConnectionConfig: Validator<InnovaphoneConnectionConfig> = (value, path = '') => {
  const config = innovaphoneConnection(value, path) as InnovaphoneConnectionConfig;
  if (config.lines.length === 0) throw new ValidationError(`${path}.lines`, 'at least one monitored user');
  const seen = new Set<string>();
  for (const [i, line] of config.lines.entries()) {
    if (seen.has(line.cn)) throw new ValidationError(`${path}.lines[${i}].cn`, `a user not listed twice (${line.cn})`);
    seen.add(line.cn);
  }
  return config;
};

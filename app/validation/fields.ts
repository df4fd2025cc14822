/**
 * Field schemas every vendor's connection settings share (docs/CONFIG.md).
 * Each check's message is a catalog key, so the settings form and a
 * configuration error say the same thing in the receptionist's language.
 */
import { isSupportedCountry } from 'libphonenumber-js';
import { integer, says, text, v } from './schema';

export const connectionId = v.pipe(text(1, 64), v.regex(/^[a-z0-9][a-z0-9-]*$/, says('validation.connectionId')));
export const connectionLabel = text(1, 64);
export const lineLabel = text(1, 64);
/** A host name or an IP literal: no spaces, no URL syntax. */
export const host = v.pipe(text(1, 253), v.regex(/^[A-Za-z0-9.:\-[\]]+$/, says('validation.host')));
export const port = v.pipe(
  v.number(says('validation.port')),
  v.integer(says('validation.port')),
  v.minValue(1, says('validation.port')),
  v.maxValue(65535, says('validation.port')),
);
/** A port to listen on; 0 lets the system choose. */
export const listenPort = v.pipe(
  v.number(says('validation.port')),
  v.integer(says('validation.port')),
  v.minValue(0, says('validation.port')),
  v.maxValue(65535, says('validation.port')),
);
/** ISO 3166 alpha-2 that libphonenumber knows (numbers typed without a country code are read with it). */
export const country = v.pipe(
  v.string(says('validation.country')),
  v.check((code) => /^[A-Z]{2}$/.test(code) && isSupportedCountry(code), says('validation.country')),
);
/** Name of an environment variable holding a secret (never the secret itself). */
export const envName = v.pipe(text(1, 128), v.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, says('validation.envName')));
/** A certificate's SHA-256 fingerprint, "AB:CD:…" or plain hex. */
export const sha256Fingerprint = v.pipe(
  v.string(says('validation.fingerprint')),
  v.regex(/^([0-9A-Fa-f]{2}:?){31}[0-9A-Fa-f]{2}$/, says('validation.fingerprint')),
);
/** A device, extension or account number as a PBX names it. */
export const deviceNumber = v.pipe(text(1, 32), v.regex(/^\+?[0-9*#]+$/, says('validation.number')));
export const timeoutMs = integer(200, 60_000);

/** "1100, 1101" → ['1100', '1101']: the settings form's list fields. */
export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

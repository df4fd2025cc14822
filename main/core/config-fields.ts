/** Field validators every vendor's connection settings share (docs/CONFIG.md). */
import { int, str } from '../../app/validate';

export const connectionId = str({ min: 1, max: 64, pattern: /^[a-z0-9][a-z0-9-]*$/ });
export const connectionLabel = str({ min: 1, max: 64 });
/** A host name or an IP literal: no spaces, no URL syntax. */
export const host = str({ min: 1, max: 253, pattern: /^[A-Za-z0-9.:\-[\]]+$/ });
export const port = int({ min: 1, max: 65535 });
/** ISO 3166 alpha-2, upper case. */
export const country = str({ pattern: /^[A-Z]{2}$/ });
/** Name of an environment variable holding a secret (never the secret itself). */
export const envName = str({ min: 1, max: 128, pattern: /^[A-Za-z_][A-Za-z0-9_]*$/ });
export const lineLabel = str({ min: 1, max: 64 });

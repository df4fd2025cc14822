/**
 * What a PBX says when it refuses something (innovaphone's and Telia's SOAP
 * faultstring, PortaSIP's error message, a TelServer reply the codec could
 * not read) is shown to the receptionist as a message parameter and written
 * to the log. A PBX may echo what it was sent, credentials included, so the
 * text passes through here first:
 *
 * 1. the connection's configured secrets are replaced by REDACTED in every
 *    form a peer could echo them (see secretForms);
 * 2. control, bidi and other invisible characters go (app/peer-text.ts, the
 *    cleaner every peer text passes), white space runs become one space, and
 *    the secrets are looked for again: one split by an invisible character
 *    would be whole once that character is gone;
 * 3. where the text has %-escapes, they are decoded and, if that shows a
 *    secret in any of its forms (a password escaped byte by byte, a Basic
 *    credential's Base64 escaped in a query string), the decoded text is
 *    shown, redacted;
 * 4. the text is cut to FAULT_TEXT_LIMIT.
 *
 * Redaction comes before the cut so that a cut can never leave half a secret visible.
 */
import { cleanPeerText } from '../../../app/peer-text';
import { escapeXml } from './xml';

/** How much of a peer's fault text a message or a log line carries. */
export const FAULT_TEXT_LIMIT = 200;

/** What stands where a secret was. */
export const REDACTED = '[redacted]';

/**
 * Secrets shorter than this are not searched for in their plain, URL- and
 * XML-escaped forms: redacting "a" or "12" everywhere would blank ordinary
 * words and numbers, and a secret that short is no secret a redaction could
 * protect. Their Base64 forms (the `user:password` Basic form among them)
 * are long and specific enough and are always redacted.
 */
export const MIN_PLAIN_SECRET_LENGTH = 4;

/** A connection's credentials as its connector knows them. */
export interface PeerCredentials {
  username?: string;
  password?: string;
}

/** The peer's words, on one line and at most `limit` characters (they are shown as a parameter, never as the message). */
export function boundedText(text: string, limit = FAULT_TEXT_LIMIT): string {
  return cut(oneLine(text), limit);
}

/** The text without controls and invisible characters, its white space runs one space each. */
function oneLine(text: string): string {
  // Beyond the cleaner's controls, any other format character (zero-width space, soft hyphen …) is invisible: it goes.
  return cleanPeerText(text, Number.MAX_SAFE_INTEGER)
    .replace(/\p{Cf}+/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function cut(line: string, limit: number): string {
  return line.length <= limit ? line : `${line.slice(0, limit - 1).trimEnd()}…`;
}

/** Every run of %-escapes that is UTF-8 decoded; a run that is not stays as written. */
function percentDecoded(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/**
 * The redactor and bounder of one connection's fault texts. Credentials are
 * added as the connector reads them (a TelServer line's password is read
 * when that line's session opens), and `clean` uses every one added so far.
 */
export class PeerFaultText {
  /** Forms matched whatever their case (a PBX may upcase a message, or the hex of a %-escape). */
  private readonly anyCase = new Set<string>();
  /** Base64 forms, whose case is their content. */
  private readonly exactCase = new Set<string>();
  private pattern: RegExp | undefined;
  private exactPattern: RegExp | undefined;

  constructor(
    credentials: readonly PeerCredentials[] = [],
    private readonly limit = FAULT_TEXT_LIMIT,
  ) {
    for (const credential of credentials) this.add(credential);
  }

  /** Remembers one more credential's secrets. */
  add(credential: PeerCredentials): void {
    const forms = secretForms(credential);
    for (const form of forms.anyCase) this.anyCase.add(form);
    for (const form of forms.exactCase) this.exactCase.add(form);
    this.pattern = alternation(this.anyCase, 'gi');
    this.exactPattern = alternation(this.exactCase, 'g');
  }

  /** The peer's text with every known secret redacted, cleaned, on one line, bounded. */
  clean(text: string): string {
    const line = this.redact(oneLine(this.redact(text)));
    if (!line.includes('%')) return cut(line, this.limit);
    const decoded = percentDecoded(line);
    const redacted = this.redact(decoded);
    return cut(redacted === decoded ? line : oneLine(redacted), this.limit);
  }

  /** Only the redaction (for text that is bounded elsewhere). */
  redact(text: string): string {
    let out = text;
    // Exact (Base64) forms first: the longest ones hold the plain secret's neighbours, not the secret itself.
    if (this.exactPattern) out = out.replace(this.exactPattern, REDACTED);
    if (this.pattern) out = out.replace(this.pattern, REDACTED);
    return out;
  }
}

/**
 * Every form of a credential's password a peer could echo:
 * - anyCase: the password itself, encodeURIComponent, form encoding
 *   (space as `+`, as URLSearchParams writes it), XML-escaped and JSON-escaped
 *   (a request body echoed back); only for passwords of MIN_PLAIN_SECRET_LENGTH or more.
 * - exactCase: Base64 (standard and URL-safe, with and without padding) of
 *   the password and of `user:password` (HTTP Basic), and the part of the
 *   password's Base64 that is the same wherever it sits inside a longer
 *   Base64 text (three alignments), so `base64("x" + password + "y")` loses
 *   it too.
 */
export function secretForms(credential: PeerCredentials): { anyCase: string[]; exactCase: string[] } {
  const password = credential.password ?? '';
  if (password === '') return { anyCase: [], exactCase: [] };
  const anyCase = new Set<string>();
  if (password.length >= MIN_PLAIN_SECRET_LENGTH) {
    const uri = encodeURIComponent(password);
    for (const form of [
      password,
      uri,
      uri.replace(/%20/g, '+'),
      new URLSearchParams({ p: password }).toString().slice(2),
      escapeXml(password),
      JSON.stringify(password).slice(1, -1),
    ])
      anyCase.add(form);
  }
  const exactCase = new Set<string>();
  for (const plain of [`${credential.username ?? ''}:${password}`, password]) {
    for (const form of base64Forms(Buffer.from(plain, 'utf8'))) exactCase.add(form);
  }
  if (password.length >= MIN_PLAIN_SECRET_LENGTH) for (const form of alignedBase64Cores(Buffer.from(password, 'utf8'))) exactCase.add(form);
  return { anyCase: [...anyCase], exactCase: [...exactCase].filter((form) => form.length >= MIN_PLAIN_SECRET_LENGTH) };
}

function base64Forms(bytes: Buffer): string[] {
  const standard = bytes.toString('base64');
  const url = bytes.toString('base64url');
  return [standard, standard.replace(/=+$/, ''), url];
}

/**
 * The Base64 characters that depend on the password's bytes alone, for each
 * of the three offsets (mod 3) it can start at inside a longer encoded text.
 * Character j of an encoding covers bits 6j…6j+5; with k bytes before the
 * password and n bytes in all, it depends on the password alone when
 * 6j ≥ 8k and 6j + 5 < 8n.
 */
function alignedBase64Cores(password: Buffer): string[] {
  const cores: string[] = [];
  for (let k = 0; k < 3; k++) {
    const encoded = Buffer.concat([Buffer.alloc(k), password]).toString('base64');
    const n = k + password.length;
    const core = encoded.slice(Math.ceil((8 * k) / 6), Math.floor((8 * n - 6) / 6) + 1);
    cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return cores;
}

/** One pattern for a set of literal forms, longest first (so a form never loses to one of its own parts). */
function alternation(forms: ReadonlySet<string>, flags: string): RegExp | undefined {
  if (forms.size === 0) return undefined;
  const sorted = [...forms].sort((a, b) => b.length - a.length);
  return new RegExp(sorted.map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), flags);
}

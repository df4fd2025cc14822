/**
 * The demo PBXs' own check of an OASIS WS-Security 1.0 UsernameToken
 * (Username Token Profile 1.0), the way a SOAP service that authenticates
 * "at the SOAP/XML level" checks it (Telia Smart calls). Written from the
 * profile, never from the connectors' header writer, so the two cannot
 * agree on a mistake.
 *
 * - `<wsse:Security>` in the SOAP Header holds one `<wsse:UsernameToken>`
 *   with `<wsse:Username>` and `<wsse:Password Type="…">`.
 * - PasswordText (also when Type is left out: the profile's default): the
 *   password as written.
 * - PasswordDigest: Base64(SHA-1(nonce + created + password)), the nonce
 *   being the decoded bytes of `<wsse:Nonce>` and created the text of
 *   `<wsu:Created>`. As the profile recommends, a token created too long
 *   ago (or too far ahead) is refused, and a nonce seen before is a replay.
 * - A service accepts only the types it names (Telia: PasswordText).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { attributeOf, type XmlElement } from './soap-envelope';

export const WSSE_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
export const WSU_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
const PROFILE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0';
export const PASSWORD_TYPE_URIS = { PasswordText: `${PROFILE}#PasswordText`, PasswordDigest: `${PROFILE}#PasswordDigest` } as const;
export type PasswordType = keyof typeof PASSWORD_TYPE_URIS;
const BASE64_BINARY = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary';

/** How far a digest token's Created may lie from now (the profile suggests minutes). */
export const DEFAULT_MAX_AGE_MS = 5 * 60_000;

export interface UsernameTokenExpectation {
  username: string;
  password: string;
  /** The password types this service takes. */
  accept: readonly PasswordType[];
  /** Now, epoch ms (the simulator's clock). */
  now: number;
  maxAgeMs?: number;
  /** Nonces of digest tokens already seen; without it replays are not detected. */
  nonces?: NonceCache;
}

export type UsernameTokenCheck = { ok: true; type: PasswordType } | { ok: false; reason: string };

/** Checks the UsernameToken in a request's SOAP header entries. */
export function checkUsernameToken(headers: readonly XmlElement[], expected: UsernameTokenExpectation): UsernameTokenCheck {
  const security = headers.filter((h) => h.name === 'Security' && h.ns === WSSE_NS);
  if (security.length !== 1) return refuse(security.length === 0 ? 'no wsse:Security header' : 'more than one wsse:Security header');
  const tokens = wsse(security[0], 'UsernameToken');
  if (tokens.length !== 1) return refuse(tokens.length === 0 ? 'no wsse:UsernameToken' : 'more than one wsse:UsernameToken');
  const token = tokens[0];
  const username = single(token, WSSE_NS, 'Username');
  const password = single(token, WSSE_NS, 'Password');
  if (!username || !password) return refuse('wsse:Username and wsse:Password are required');
  const typeUri = attributeOf(password, '', 'Type')?.trim();
  const type = typeUri === undefined || typeUri === '' ? 'PasswordText' : typeOf(typeUri);
  if (!type) return refuse(`unknown password type ${typeUri}`);
  if (!expected.accept.includes(type)) return refuse(`${type} is not accepted here`);
  const userOk = sameText(username.text.trim(), expected.username);
  if (type === 'PasswordText')
    return userOk && sameText(password.text, expected.password) ? { ok: true, type } : refuse('wrong user name or password');

  const nonceElement = single(token, WSSE_NS, 'Nonce');
  const created = single(token, WSU_NS, 'Created')?.text.trim();
  if (!nonceElement || !created) return refuse('a PasswordDigest needs wsse:Nonce and wsu:Created');
  const encoding = attributeOf(nonceElement, '', 'EncodingType')?.trim();
  if (encoding !== undefined && encoding !== BASE64_BINARY) return refuse(`unknown nonce encoding ${encoding}`);
  const nonce = base64(nonceElement.text.trim());
  if (!nonce || nonce.length === 0) return refuse('wsse:Nonce is not Base64');
  const createdAt = Date.parse(created);
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(created) || Number.isNaN(createdAt))
    return refuse('wsu:Created is not a UTC date and time');
  const maxAge = expected.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
  if (Math.abs(expected.now - createdAt) > maxAge) return refuse('wsu:Created is outside the accepted time window');
  const digest = passwordDigest(nonce, created, expected.password);
  if (!userOk || !sameText(password.text.trim(), digest)) return refuse('wrong user name or password');
  // Only a token that proved the password may use up its nonce.
  if (expected.nonces?.seen(nonce.toString('base64'), expected.now)) return refuse('the nonce was used before (a replay)');
  return { ok: true, type };
}

/** Base64(SHA-1(nonce + created + password)): the profile's Password_Digest. */
export function passwordDigest(nonce: Buffer, created: string, password: string): string {
  return createHash('sha1')
    .update(Buffer.concat([nonce, Buffer.from(created, 'utf8'), Buffer.from(password, 'utf8')]))
    .digest('base64');
}

/** Nonces seen within the time window; older ones are forgotten (a token that old is refused anyway). */
export class NonceCache {
  private readonly seenAt = new Map<string, number>();

  constructor(private readonly windowMs = DEFAULT_MAX_AGE_MS) {}

  /** Whether the nonce was seen before; remembers it either way. */
  seen(nonce: string, now: number): boolean {
    for (const [old, at] of this.seenAt) if (now - at > 2 * this.windowMs) this.seenAt.delete(old);
    const before = this.seenAt.has(nonce);
    this.seenAt.set(nonce, now);
    return before;
  }
}

function refuse(reason: string): UsernameTokenCheck {
  return { ok: false, reason };
}

function typeOf(uri: string): PasswordType | undefined {
  if (uri === PASSWORD_TYPE_URIS.PasswordText) return 'PasswordText';
  if (uri === PASSWORD_TYPE_URIS.PasswordDigest) return 'PasswordDigest';
  return undefined;
}

function wsse(parent: XmlElement, name: string): XmlElement[] {
  return parent.children.filter((c) => c.name === name && c.ns === WSSE_NS);
}

/** The one child with this name; undefined when there is none or more than one. */
function single(parent: XmlElement, ns: string, name: string): XmlElement | undefined {
  const found = parent.children.filter((c) => c.name === name && c.ns === ns);
  return found.length === 1 ? found[0] : undefined;
}

/** Equal texts, compared in constant time for equal lengths (a password check must not leak by timing). */
function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

function base64(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  return Buffer.from(text, 'base64');
}

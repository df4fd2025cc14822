/**
 * The demo PBXs' own HTTP authentication, server side: Digest (RFC 7616,
 * and RFC 2617 which it obsoletes: MD5, SHA-256 and their -sess variants,
 * qop=auth) and Basic (RFC 7617). Independent of the connectors' client
 * code, so a client that computes a response wrongly is refused here rather
 * than agreeing with itself.
 *
 * What is checked: the realm, algorithm and uri are the ones of this
 * server and request; the response; the nonce is one this verifier issued
 * (otherwise the answer is "stale", so a client retries with the new nonce);
 * a nonce count is used once per nonce (a replay is refused). Counts may
 * arrive out of order, since a client with one nonce can have a held Poll
 * and a command in flight on two connections.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export type DigestAlgorithm = 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess';

const HASH_OF: Record<DigestAlgorithm, string> = { MD5: 'md5', 'MD5-sess': 'md5', 'SHA-256': 'sha256', 'SHA-256-sess': 'sha256' };

function isAlgorithm(value: string): value is DigestAlgorithm {
  return Object.hasOwn(HASH_OF, value);
}

export interface DigestFields {
  algorithm: DigestAlgorithm;
  username: string;
  realm: string;
  password: string;
  method: string;
  uri: string;
  nonce: string;
  /** With qop: the nonce count (8 hex digits) and client nonce. */
  nc?: string;
  cnonce?: string;
  qop?: 'auth';
}

/** The request-digest ("response") of RFC 7616 section 3.4.1 (RFC 2617 3.2.2.1; without qop, RFC 2069). */
export function digestResponse(fields: DigestFields): string {
  const algorithm = HASH_OF[fields.algorithm];
  const h = (text: string) => createHash(algorithm).update(text, 'utf8').digest('hex');
  let ha1 = h(`${fields.username}:${fields.realm}:${fields.password}`);
  if (fields.algorithm.endsWith('-sess')) ha1 = h(`${ha1}:${fields.nonce}:${fields.cnonce ?? ''}`);
  const ha2 = h(`${fields.method}:${fields.uri}`);
  return fields.qop
    ? h(`${ha1}:${fields.nonce}:${fields.nc ?? ''}:${fields.cnonce ?? ''}:${fields.qop}:${ha2}`)
    : h(`${ha1}:${fields.nonce}:${ha2}`);
}

/**
 * Parses the auth-params of an Authorization header with the given scheme
 * (RFC 7235 section 2.1: token=token or token=quoted-string, comma-separated).
 * Undefined for another scheme or a malformed header. Names are lower-cased.
 */
export function parseAuthorization(header: string, scheme: string): Record<string, string> | undefined {
  const match = /^\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s+/.exec(header);
  if (!match || match[1]?.toLowerCase() !== scheme.toLowerCase()) return undefined;
  const params: Record<string, string> = {};
  const param = /\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([A-Za-z0-9!#$%&'*+.^_`|~/:-]+))\s*(,|$)/y;
  param.lastIndex = match[0].length;
  while (param.lastIndex < header.length) {
    const p = param.exec(header);
    if (!p) return undefined;
    const [, name = '', quoted, token, comma] = p;
    const key = name.toLowerCase();
    if (Object.hasOwn(params, key)) return undefined;
    params[key] = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : (token ?? '');
    if (comma === '') break;
  }
  return params;
}

export type AuthVerdict = { ok: true; username: string } | { ok: false; stale: boolean; reason: string };

export interface DigestVerifierOptions {
  realm: string;
  algorithm: DigestAlgorithm;
  /** A user's password, undefined when there is no such user. */
  passwordOf(username: string): string | undefined;
  /** Nonces remembered at most (the oldest is forgotten first). Default 1000. */
  maxNonces?: number;
  /** Nonce counts remembered per nonce; a nonce used more often is stale. Default 100,000. */
  maxUsesPerNonce?: number;
  /** Makes nonces (default 24 random bytes, base64url); fixed ones let tests replay the RFC examples. */
  newNonce?: () => string;
  /** The opaque value of every challenge (default random per verifier). */
  opaque?: string;
}

interface IssuedNonce {
  used: Set<number>;
}

/** Issues Digest challenges and verifies Authorization headers against them. */
export class DigestVerifier {
  private readonly nonces = new Map<string, IssuedNonce>();
  private readonly opaque: string;

  constructor(private readonly options: DigestVerifierOptions) {
    this.opaque = options.opaque ?? randomBytes(12).toString('base64url');
  }

  /** The WWW-Authenticate value of a 401; `stale` tells the client its answer was right but the nonce is old. */
  challenge(stale = false): string {
    const nonce = this.options.newNonce?.() ?? randomBytes(24).toString('base64url');
    this.nonces.set(nonce, { used: new Set() });
    const max = this.options.maxNonces ?? 1000;
    for (const old of this.nonces.keys()) {
      if (this.nonces.size <= max) break;
      this.nonces.delete(old);
    }
    return (
      `Digest realm="${this.options.realm}", qop="auth", algorithm=${this.options.algorithm}, ` +
      `nonce="${nonce}", opaque="${this.opaque}"${stale ? ', stale=true' : ''}`
    );
  }

  /** Forgets every nonce (clients must answer a fresh challenge). */
  expireNonces(): void {
    this.nonces.clear();
  }

  /** `requestUri` is the request-target as received (req.url). */
  verify(header: string | undefined, method: string, requestUri: string): AuthVerdict {
    const refuse = (reason: string, stale = false): AuthVerdict => ({ ok: false, stale, reason });
    if (!header) return refuse('no Authorization header');
    const p = parseAuthorization(header, 'Digest');
    if (!p) return refuse('not a Digest Authorization header');
    const { username, realm, nonce, uri, response, nc, cnonce, qop } = p;
    const algorithm = p.algorithm ?? 'MD5';
    if (username === undefined || realm === undefined || !nonce || uri === undefined || !response)
      return refuse('username, realm, nonce, uri and response are required');
    if (realm !== this.options.realm) return refuse(`realm "${realm}" is not "${this.options.realm}"`);
    if (!isAlgorithm(algorithm) || algorithm !== this.options.algorithm) return refuse(`algorithm ${algorithm} was not offered`);
    if (uri !== requestUri) return refuse(`uri "${uri}" is not the request's "${requestUri}"`);
    if (qop !== 'auth') return refuse('qop=auth is required');
    if (!nc || !/^[0-9a-fA-F]{8}$/.test(nc) || !cnonce) return refuse('nc (8 hex digits) and cnonce are required with qop');
    if (p.opaque !== undefined && p.opaque !== this.opaque) return refuse('opaque does not match');
    const password = this.options.passwordOf(username);
    if (password === undefined) return refuse('unknown user');
    const expected = digestResponse({ algorithm, username, realm, password, method, uri, nonce, nc, cnonce, qop });
    if (!safeEqual(expected, response.toLowerCase())) return refuse('wrong response');
    const issued = this.nonces.get(nonce);
    if (!issued) return refuse('nonce not issued here or expired', true);
    const count = parseInt(nc, 16);
    if (issued.used.has(count)) return refuse(`nonce count ${nc} was used before`);
    if (issued.used.size >= (this.options.maxUsesPerNonce ?? 100_000)) {
      this.nonces.delete(nonce);
      return refuse('nonce used up', true);
    }
    issued.used.add(count);
    return { ok: true, username };
  }
}

/** Verifies a Basic Authorization header (RFC 7617). */
export function verifyBasic(header: string | undefined, passwordOf: (username: string) => string | undefined): AuthVerdict {
  const match = header ? /^Basic\s+([A-Za-z0-9+/]+=*)\s*$/i.exec(header) : null;
  if (!match?.[1]) return { ok: false, stale: false, reason: 'not a Basic Authorization header' };
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return { ok: false, stale: false, reason: 'no colon in the Basic credentials' };
  const username = decoded.slice(0, colon);
  const password = passwordOf(username);
  if (password === undefined || !safeEqual(password, decoded.slice(colon + 1)))
    return { ok: false, stale: false, reason: 'wrong user or password' };
  return { ok: true, username };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * HTTP authentication: Basic (RFC 7617) and Digest (RFC 7616: MD5, SHA-256
 * and their -sess variants, qop=auth, plus the RFC 2069 form without qop).
 * Client side builds Authorization headers; the server side (used by the
 * simulators) issues challenges and verifies answers.
 */
import { InvariantError } from '../../core/errors';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface Credentials {
  username: string;
  password: string;
}

export function basicAuthorization(credentials: Credentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}`;
}

export interface AuthChallenge {
  scheme: string;
  params: Record<string, string>;
}

/**
 * Parses a WWW-Authenticate header, which may carry several challenges
 * (`Digest realm="x", nonce="y", Basic realm="x"`).
 */
export function parseChallenges(header: string): AuthChallenge[] {
  const challenges: AuthChallenge[] = [];
  const tokenRe = /\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)(\s*=\s*("((?:[^"\\]|\\.)*)"|[^\s,]*))?\s*,?/gy;
  let current: AuthChallenge | undefined;
  let match: RegExpExecArray | null;
  while (tokenRe.lastIndex < header.length && (match = tokenRe.exec(header))) {
    if (match[0] === '') break;
    const [, name, hasValue, raw, quoted] = match;
    if (!hasValue) {
      current = { scheme: name, params: {} };
      challenges.push(current);
    } else if (current) {
      current.params[name.toLowerCase()] = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : raw;
    }
  }
  return challenges;
}

export type DigestAlgorithm = 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess';

const HASH: Record<string, string> = { md5: 'md5', 'md5-sess': 'md5', 'sha-256': 'sha256', 'sha-256-sess': 'sha256' };

function hashOf(algorithm: string): ((text: string) => string) | undefined {
  const name = HASH[algorithm.toLowerCase()];
  return name ? (text) => createHash(name).update(text, 'utf8').digest('hex') : undefined;
}

export function isSupportedDigest(challenge: AuthChallenge): boolean {
  if (challenge.scheme.toLowerCase() !== 'digest' || !challenge.params.nonce) return false;
  const qop = challenge.params.qop;
  if (qop !== undefined && !qop.split(',').some((q) => q.trim() === 'auth')) return false;
  return hashOf(challenge.params.algorithm ?? 'MD5') !== undefined;
}

/** Picks the strongest challenge we can answer: Digest SHA-256, then Digest MD5, then Basic. */
export function chooseChallenge(challenges: AuthChallenge[]): AuthChallenge | undefined {
  const digests = challenges.filter(isSupportedDigest);
  const sha = digests.find((c) => (c.params.algorithm ?? '').toLowerCase().startsWith('sha-256'));
  return sha ?? digests[0] ?? challenges.find((c) => c.scheme.toLowerCase() === 'basic');
}

interface DigestInput {
  algorithm: string;
  username: string;
  realm: string;
  password: string;
  method: string;
  uri: string;
  nonce: string;
  nc?: string;
  cnonce?: string;
  qop?: string;
}

/** The `response` value of RFC 7616 section 3.4.1. */
export function digestResponse(input: DigestInput): string {
  const h = hashOf(input.algorithm);
  if (!h) throw new InvariantError(`Unsupported digest algorithm ${input.algorithm}`);
  let ha1 = h(`${input.username}:${input.realm}:${input.password}`);
  if (input.algorithm.toLowerCase().endsWith('-sess')) ha1 = h(`${ha1}:${input.nonce}:${input.cnonce ?? ''}`);
  const ha2 = h(`${input.method}:${input.uri}`);
  return input.qop ? h(`${ha1}:${input.nonce}:${input.nc}:${input.cnonce}:${input.qop}:${ha2}`) : h(`${ha1}:${input.nonce}:${ha2}`);
}

/**
 * Answers one Digest challenge for many requests: the nonce count goes up
 * with every request, so requests after the first need no new 401 round trip.
 */
export class DigestSession {
  private nonceCount = 0;

  constructor(
    private readonly challenge: AuthChallenge,
    private readonly credentials: Credentials,
  ) {}

  authorization(method: string, uri: string): string {
    const p = this.challenge.params;
    const algorithm = p.algorithm ?? 'MD5';
    const qop = p.qop !== undefined ? 'auth' : undefined;
    const nc = (++this.nonceCount).toString(16).padStart(8, '0');
    const cnonce = randomBytes(12).toString('hex');
    const response = digestResponse({
      algorithm,
      username: this.credentials.username,
      realm: p.realm ?? '',
      password: this.credentials.password,
      method,
      uri,
      nonce: p.nonce,
      nc,
      cnonce,
      qop,
    });
    const fields = [
      `username="${quote(this.credentials.username)}"`,
      `realm="${quote(p.realm ?? '')}"`,
      `uri="${quote(uri)}"`,
      `algorithm=${algorithm}`,
      `nonce="${quote(p.nonce)}"`,
    ];
    if (qop) fields.push(`nc=${nc}`, `cnonce="${cnonce}"`, `qop=${qop}`);
    fields.push(`response="${response}"`);
    if (p.opaque !== undefined) fields.push(`opaque="${quote(p.opaque)}"`);
    return `Digest ${fields.join(', ')}`;
  }
}

function quote(value: string): string {
  return value.replace(/(["\\])/g, '\\$1');
}

// ---------------------------------------------------------------------------
// Server side (simulators)

export interface DigestServerOptions {
  realm: string;
  algorithm: DigestAlgorithm;
  /** The password of a user, undefined when unknown. */
  passwordOf(username: string): string | undefined;
}

export type AuthVerdict = { ok: true; username: string } | { ok: false; stale?: boolean };

/** Issues Digest challenges and verifies Authorization headers; nonces it did not issue are stale. */
export class DigestVerifier {
  private readonly nonces = new Set<string>();

  constructor(private readonly options: DigestServerOptions) {}

  challenge(stale = false): string {
    const nonce = randomBytes(16).toString('hex');
    this.nonces.add(nonce);
    if (this.nonces.size > 1000) this.nonces.delete(this.nonces.values().next().value as string);
    return `Digest realm="${this.options.realm}", qop="auth", algorithm=${this.options.algorithm}, nonce="${nonce}", opaque="sim"${stale ? ', stale=true' : ''}`;
  }

  /** Forgets every nonce it issued (clients must answer a fresh challenge). */
  expireNonces(): void {
    this.nonces.clear();
  }

  verify(header: string | undefined, method: string): AuthVerdict {
    if (!header) return { ok: false };
    const [challenge] = parseChallenges(header);
    if (!challenge || challenge.scheme.toLowerCase() !== 'digest') return { ok: false };
    const p = challenge.params;
    const password = p.username !== undefined ? this.options.passwordOf(p.username) : undefined;
    if (password === undefined || !p.nonce || !p.uri || !p.response) return { ok: false };
    if ((p.algorithm ?? 'MD5') !== this.options.algorithm) return { ok: false };
    const expected = digestResponse({
      algorithm: this.options.algorithm,
      username: p.username,
      realm: this.options.realm,
      password,
      method,
      uri: p.uri,
      nonce: p.nonce,
      nc: p.nc,
      cnonce: p.cnonce,
      qop: p.qop,
    });
    if (!safeEqual(expected, p.response)) return { ok: false };
    if (!this.nonces.has(p.nonce)) return { ok: false, stale: true };
    return { ok: true, username: p.username };
  }
}

/** Verifies a Basic Authorization header. */
export function verifyBasic(header: string | undefined, passwordOf: (username: string) => string | undefined): AuthVerdict {
  const match = header ? /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header.trim()) : null;
  if (!match) return { ok: false };
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return { ok: false };
  const username = decoded.slice(0, colon);
  const password = passwordOf(username);
  return password !== undefined && safeEqual(password, decoded.slice(colon + 1)) ? { ok: true, username } : { ok: false };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

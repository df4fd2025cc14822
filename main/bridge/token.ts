/**
 * The bridge's shared secret: it is in the URL the console prints, and every
 * page load and WebSocket must present it, so another local user or a web
 * page of another origin cannot drive the console.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newBridgeToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Constant-time comparison; hashing first makes both sides the same length. */
export function tokenMatches(expected: string, presented: string | null | undefined): boolean {
  if (typeof presented !== 'string') return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(presented).digest();
  return timingSafeEqual(a, b);
}

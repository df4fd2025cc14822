/**
 * The always-on-top alert window loads the app's own page (same preload,
 * same hardening) with a hash naming the ringing call; the renderer reads
 * it to show the alert instead of the console. Shared so the main process
 * and the page spell it the same way.
 */
import { validateCallId } from './contract';

const ALERT_ROUTE_PREFIX = '#alert/';

export function alertRouteHash(callId: string): string {
  return `${ALERT_ROUTE_PREFIX}${encodeURIComponent(validateCallId(callId))}`;
}

/** The call id of an alert window's page, or null for the console itself (or a hash that is not an alert route). */
export function callIdFromAlertRoute(hash: string): string | null {
  if (!hash.startsWith(ALERT_ROUTE_PREFIX)) return null;
  try {
    return validateCallId(decodeURIComponent(hash.slice(ALERT_ROUTE_PREFIX.length)));
  } catch {
    return null;
  }
}

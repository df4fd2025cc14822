import { describe, expect, it } from 'vitest';
import { alertRouteHash, callIdFromAlertRoute } from './alert-route';

describe('alert window route', () => {
  it.each(['pbx/100#1', 'ps/1105#abc;tag=9', 'ä/ö#%20'])('round-trips the call id %j', (callId) => {
    const hash = alertRouteHash(callId);
    expect(hash).toMatch(/^#alert\/[^#/]*$/);
    expect(callIdFromAlertRoute(hash)).toBe(callId);
  });

  it.each(['', '#', '#settings', '#alert/', '#alert/%E0%A4%A', `#alert/${'x'.repeat(300)}`])('is not an alert route: %j', (hash) => {
    expect(callIdFromAlertRoute(hash)).toBeNull();
  });
});

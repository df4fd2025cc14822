import { describe, expect, it } from 'vitest';
import { isCallKnown } from './call-trust';
import { LINK_STATES } from './model';
import { call, connection } from './testing/fixtures';

describe('isCallKnown', () => {
  it('is true only while the call’s connection is online', () => {
    for (const state of LINK_STATES) {
      expect(isCallKnown(call(), { ts: connection({ state }) }), state).toBe(state === 'online');
    }
  });

  it('a call whose connection is gone is unknown', () => {
    expect(isCallKnown(call(), {})).toBe(false);
  });

  it('another connection being online does not vouch for it', () => {
    expect(isCallKnown(call(), { ts: connection({ state: 'offline' }), other: connection({ id: 'other' }) })).toBe(false);
  });
});

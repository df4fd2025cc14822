import { describe, expect, it } from 'vitest';
import { msg } from '../../app/i18n/message';
import { parseBridgeServerFrame } from '../../app/contract';
import { ConsoleError, errorMessage, refusalOf } from './errors';

describe('what an error says across a bridge', () => {
  it('an unexpected error says one clean, bounded line of its text', () => {
    const said = errorMessage(new Error(`first line\r\nsecond\u202e ${'x'.repeat(5000)}`));
    expect(said.key).toBe('error.unexpected');
    const detail = said.params?.detail;
    if (typeof detail !== 'string') throw new Error('no detail');
    expect(detail.startsWith('first line  second x')).toBe(true);
    expect(detail.length).toBeLessThanOrEqual(500);
  });

  it('a refusal is always one the page can read, so the request it answers ends there', () => {
    // A ConsoleError whose own parameter is longer than a page accepts of one: its words still arrive, bounded.
    const oversized = new ConsoleError(msg('config.unreadable', { reason: 'y'.repeat(5000) }));
    for (const error of [new Error('z'.repeat(5000)), oversized, 'a thrown string']) {
      const refusal = refusalOf(error);
      expect(() => parseBridgeServerFrame(JSON.stringify({ id: 1, error: refusal }))).not.toThrow();
    }
    expect(refusalOf(oversized)).toMatchObject({ key: 'error.unexpected' });
    // A readable refusal crosses as it is.
    expect(refusalOf(new ConsoleError(msg('request.tooManyArguments')))).toEqual(msg('request.tooManyArguments'));
  });
});

/** Telia's ServiceError codes become catalog messages; an unknown code is said with Telia's own (bounded) words. */
import { describe, expect, it } from 'vitest';
import { msg } from '../../../app/i18n/message';
import { createTranslator } from '../../../app/i18n/translator';
import { ConsoleError, errorMessage } from '../../core/errors';
import { TeliaServiceError } from './errors';

const en = createTranslator('en');

describe('TeliaServiceError', () => {
  it('is a ConsoleError with the code of the document table and its words', () => {
    const error = new TeliaServiceError({ code: 'ERR1001', message: 'Dialing Error' });
    expect(error).toBeInstanceOf(ConsoleError);
    expect(error.code).toBe('ERR1001');
    expect(errorMessage(error)).toEqual(msg('telia.service.ERR1001'));
    expect(error.message).toBe('Telia could not make the call (ERR1001 dialing error).');
  });

  it.each(['ERR001', 'ERR002', 'ERR003', 'ERR1001', 'ERR1002', 'ERR1003'])('%s has its own key', (code) => {
    expect(new TeliaServiceError({ code, message: '' }).text).toEqual(msg(`telia.service.${code}` as 'telia.service.ERR001'));
  });

  it("ERR002 names the missing field with Telia's message", () => {
    const error = new TeliaServiceError({ code: 'ERR002', message: 'Missin Element: LastName' });
    expect(error.text).toEqual(msg('telia.service.ERR002Detail', { detail: 'Missin Element: LastName' }));
    expect(en(error.text)).toBe('Telia says a required field is missing (ERR002): Missin Element: LastName.');
  });

  it("an unknown code: the code and Telia's message, on one line and bounded", () => {
    const error = new TeliaServiceError({ code: 's:Server', message: `boom\n\u0007${'x'.repeat(500)}` });
    expect(error.code).toBe('s:Server');
    expect(error.text.key).toBe('telia.service.other');
    const reason = error.text.params?.reason;
    if (typeof reason !== 'string') throw new Error('the reason is Telia’s text');
    expect(reason.startsWith('boom x')).toBe(true);
    expect(reason.length).toBeLessThanOrEqual(200);
    expect(reason.includes('\n') || reason.includes('\u0007')).toBe(false);
    expect(en(error.text)).toMatch(/^Telia refused the request: boom x+… \(s:Server\)\.$/);
  });

  it('no message: the description, else "no reason given"; no code: the reason alone', () => {
    expect(new TeliaServiceError({ code: 'Fault', message: '', description: 'Down' }).text).toEqual(
      msg('telia.service.other', { reason: 'Down', code: 'Fault' }),
    );
    expect(en(new TeliaServiceError({ code: 'Fault', message: '' }).text)).toBe('Telia refused the request: no reason given (Fault).');
    expect(en(new TeliaServiceError({ code: '', message: 'Busy' }).text)).toBe('Telia refused the request: Busy.');
  });
});

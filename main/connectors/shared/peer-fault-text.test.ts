/** A peer's fault text: the configured secrets redacted in every echoed form, controls removed, one line, bounded. */
import { describe, expect, it } from 'vitest';
import { boundedText, FAULT_TEXT_LIMIT, PeerFaultText, REDACTED, secretForms } from './peer-fault-text';

const USER = 'Reception';
const PASSWORD = 'S3cret pass/word+1é';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('PeerFaultText.clean', () => {
  const faultText = new PeerFaultText([{ username: USER, password: PASSWORD }]);

  it.each([
    ['plain', PASSWORD],
    ['upper-cased', PASSWORD.toUpperCase()],
    ['Base64', b64(PASSWORD)],
    ['Base64 without padding', b64(PASSWORD).replace(/=+$/, '')],
    ['URL-safe Base64', Buffer.from(PASSWORD).toString('base64url')],
    ['Basic user:password', `Basic ${b64(`${USER}:${PASSWORD}`)}`],
    ['encodeURIComponent', encodeURIComponent(PASSWORD)],
    ['encodeURIComponent, lower-case hex', encodeURIComponent(PASSWORD).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())],
    ['form encoding', new URLSearchParams({ p: PASSWORD }).toString().slice(2)],
    ['JSON-escaped', JSON.stringify(PASSWORD).slice(1, -1)],
  ])('redacts the %s form', (_form, echoed) => {
    const cleaned = faultText.clean(`refused: ${echoed} (try again)`);
    expect(cleaned).toBe(`refused: ${echoed.startsWith('Basic ') ? 'Basic ' : ''}${REDACTED} (try again)`);
  });

  it.each([
    ['split by a NUL', `S3cret\u0000 pass/word+1é`],
    ['split by a right-to-left override', `S3cret \u202Epass/word+1é`],
    ['split by a zero-width space', `S3cret pass\u200B/word+1é`],
    ['split by a soft hyphen', `S3cret pa\u00ADss/word+1é`],
  ])('redacts the password %s, whole once the invisible character is gone', (_form, echoed) => {
    expect(faultText.clean(`refused: ${echoed} (try again)`)).toBe(`refused: ${REDACTED} (try again)`);
  });

  it('redacts the password and the Basic credential behind any %-escaping, showing the decoded text', () => {
    const everyByte = [...Buffer.from(PASSWORD, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
    const rfc3986 = encodeURIComponent(PASSWORD).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    for (const echoed of [everyByte, everyByte.toUpperCase(), rfc3986]) {
      expect(faultText.clean(`user=${USER}&password=${echoed}`)).toBe(`user=${USER}&password=${REDACTED}`);
    }
    // A Basic credential whose Base64 holds '/', '+' and '=', escaped in a query string.
    const basicInQuery = encodeURIComponent(b64('admin:pw?>0~~'));
    expect(basicInQuery).toBe('YWRtaW46cHc%2FPjB%2Bfg%3D%3D');
    const admin = new PeerFaultText([{ username: 'admin', password: 'pw?>0~~' }]);
    expect(admin.clean(`GET /login?auth=${basicInQuery}&x=%41`)).toBe(`GET /login?auth=${REDACTED}&x=A`);
    // Text without a secret keeps its escapes as the peer wrote them, malformed ones included.
    expect(faultText.clean('no route to /a%20b%zz%E2')).toBe('no route to /a%20b%zz%E2');
  });

  it("redacts the password's Base64 inside a longer Base64 text, whatever its alignment", () => {
    for (const prefix of ['', 'x', 'xy', 'xyz', 'user:']) {
      const encoded = b64(`${prefix}${PASSWORD}tail`);
      const cleaned = faultText.clean(`token ${encoded}`);
      expect(cleaned).toContain(REDACTED);
      // What is left of the encoding is at most the few characters shared with the neighbours.
      expect(cleaned.replace(`token `, '').replace(REDACTED, '').length).toBeLessThanOrEqual(encoded.length - b64(PASSWORD).length + 4);
    }
  });

  it('redacts before it cuts, so a secret across the limit leaves no part visible', () => {
    const text = `${'a'.repeat(FAULT_TEXT_LIMIT - 5)} ${PASSWORD}`;
    const cleaned = faultText.clean(text);
    expect(cleaned.length).toBeLessThanOrEqual(FAULT_TEXT_LIMIT);
    expect(cleaned).not.toContain('S3cr');
  });

  it('removes control and bidi characters, joins lines and bounds a 100 KB text', () => {
    expect(faultText.clean('no\r\nsuch\u202e user\u0000\u200b ')).toBe('no such user');
    const cleaned = faultText.clean(`x${'y'.repeat(100 * 1024)}`);
    expect(cleaned).toHaveLength(FAULT_TEXT_LIMIT);
    expect(cleaned.endsWith('…')).toBe(true);
  });

  it('leaves text without secrets as it was, and the user name alone stays', () => {
    expect(faultText.clean(`user ${USER} has no such line`)).toBe(`user ${USER} has no such line`);
  });

  it('uses credentials added later (a TelServer line read on connect)', () => {
    const later = new PeerFaultText();
    expect(later.clean('pw hunter22')).toBe('pw hunter22');
    later.add({ username: 'u', password: 'hunter22' });
    expect(later.clean('pw hunter22')).toBe(`pw ${REDACTED}`);
  });
});

describe('short secrets', () => {
  it('are not redacted where they stand alone (that would blank ordinary words), but their Basic form is', () => {
    const faultText = new PeerFaultText([{ username: 'admin', password: 'a1' }]);
    expect(faultText.clean('a1 is not a valid line')).toBe('a1 is not a valid line');
    expect(faultText.clean(`Basic ${b64('admin:a1')}`)).toBe(`Basic ${REDACTED}`);
    expect(secretForms({ password: 'a1' }).anyCase).toEqual([]);
  });

  it('an empty or missing password redacts nothing', () => {
    expect(secretForms({ username: 'admin' })).toEqual({ anyCase: [], exactCase: [] });
    expect(new PeerFaultText([{ username: 'admin', password: '' }]).clean('admin: ok')).toBe('admin: ok');
  });

  it('an XML-escaped echo (a request body quoted back) is redacted too', () => {
    const faultText = new PeerFaultText([{ password: 'p&ss<w"rd' }]);
    expect(faultText.clean('<Password>p&amp;ss&lt;w&quot;rd</Password>')).toBe(`<Password>${REDACTED}</Password>`);
  });

  it('a password with pattern characters is matched literally', () => {
    const faultText = new PeerFaultText([{ password: 'a.*b(c)' }]);
    expect(faultText.clean('got a.*b(c) and aXXbc')).toBe(`got ${REDACTED} and aXXbc`);
  });
});

describe('boundedText', () => {
  it('keeps short text, joins lines and cuts long text with an ellipsis', () => {
    expect(boundedText('  no such\n user ')).toBe('no such user');
    expect(boundedText('abcdef', 4)).toBe('abc…');
  });
});

import { describe, expect, it } from 'vitest';
import { crmLookupUrl, crmTemplateProblem, crmUrlTemplate, isCrmLookupUrl } from './crm-link';
import { english } from './testing/english';
import { parseWith, SchemaError } from './validation/schema';

const checkTemplate = (value: unknown) => parseWith(crmUrlTemplate, value, 'crmUrlTemplate');
const problemText = (template: string) => {
  const problem = crmTemplateProblem(template);
  return problem ? english(problem) : null;
};

const TEMPLATE = 'https://crm.example.com/search?phone={number}';

describe('CRM address template', () => {
  it.each([
    TEMPLATE,
    'http://crm.local:8080/people/{number}/card',
    'https://crm.example.com/#/lookup/{number}',
    'HTTPS://CRM.example.com/x?q={number}&src=console',
  ])('accepts %j', (template) => {
    expect(crmTemplateProblem(template)).toBeNull();
    expect(checkTemplate(template)).toBe(template);
  });

  it.each([
    ['javascript:alert(1)//{number}', /start with http/],
    ['file:///etc/passwd?{number}', /start with http/],
    ['data:text/html,<script>{number}</script>', /start with http/],
    ['ftp://crm.example.com/{number}', /start with http/],
    ['https://crm.example.com/search?phone=', /exactly once/],
    ['https://crm.example.com/search?phone=%7Bnumber%7D', /exactly once/],
    ['https://crm.example.com/{number}/{number}', /exactly once/],
    ['https://crm.example.com/{number}{x}', /braces/],
    ['https://{number}.crm.example.com/', /after the server name/],
    ['https://crm.example.com{number}', /after the server name/],
    ['https://user:secret@crm.example.com/{number}', /user name or password/],
    ['https://crm.example.com@evil.example/{number}', /user name or password/],
    ['https://crm.example.com/search?phone={number}\nSet-Cookie: x', /line breaks/],
    ['https://crm.example.com/search?phone={number}\r', /line breaks/],
    ['https://crm.example.com/ search?phone={number}', /spaces/],
    ['https:\\\\evil.example\\{number}', /backslashes/],
    [' https://crm.example.com/{number}', /spaces/],
  ])('refuses %j', (template, why) => {
    expect(problemText(template)).toMatch(why);
    expect(() => checkTemplate(template)).toThrow(SchemaError);
  });

  it("'' means no CRM", () => {
    expect(checkTemplate('')).toBe('');
    expect(crmLookupUrl('', '5551234')).toEqual({ ok: false, error: { key: 'crm.notSet' } });
  });
});

describe('CRM lookup URL', () => {
  it('puts the URL-encoded number in the placeholder', () => {
    expect(crmLookupUrl(TEMPLATE, '+3725123456')).toEqual({ ok: true, url: 'https://crm.example.com/search?phone=%2B3725123456' });
    expect(crmLookupUrl('https://crm.example.com/p/{number}', '*31#1103')).toEqual({
      ok: true,
      url: 'https://crm.example.com/p/*31%231103',
    });
  });

  it.each([
    '',
    '5551234\n',
    '555 1234',
    '%2e%2e%2fadmin',
    '../admin',
    '5551234&admin=1',
    '555%0d%0a',
    'javascript:alert(1)',
    '1'.repeat(40),
    '+',
  ])('refuses a number that is not plainly a number: %j', (number) => {
    expect(crmLookupUrl(TEMPLATE, number)).toEqual({ ok: false, error: { key: 'crm.noNumber' } });
  });

  it('opens only exactly the URL the configured template makes for that number', () => {
    const { url } = crmLookupUrl(TEMPLATE, '5551234') as { ok: true; url: string };
    expect(isCrmLookupUrl(url, TEMPLATE, '5551234')).toBe(true);
    expect(isCrmLookupUrl(url, TEMPLATE, '5559999')).toBe(false);
    expect(isCrmLookupUrl('https://evil.example/search?phone=5551234', TEMPLATE, '5551234')).toBe(false);
    expect(isCrmLookupUrl('javascript:alert(1)', TEMPLATE, '5551234')).toBe(false);
    expect(isCrmLookupUrl(url, 'javascript:{number}', '5551234')).toBe(false);
    expect(isCrmLookupUrl('https://crm.example.com/search?phone=5551234#', TEMPLATE, '5551234')).toBe(false);
  });
});

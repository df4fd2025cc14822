import { english } from '../../app/testing/english';
import { describe, expect, it, vi } from 'vitest';
import { openCrmLookup } from './crm-lookup';

const TEMPLATE = 'https://crm.example.com/search?phone={number}';

describe('CRM lookup in the desktop app', () => {
  it('opens the configured CRM with the URL-encoded number', async () => {
    const openExternal = vi.fn(async () => {});
    expect(await openCrmLookup('+3725123456', { template: () => TEMPLATE, openExternal })).toEqual({ ok: true });
    expect(openExternal).toHaveBeenCalledWith('https://crm.example.com/search?phone=%2B3725123456');
  });

  it.each([
    ['no CRM configured', '', '5551234', /No CRM address/],
    ['a javascript: template', 'javascript:alert(1)//{number}', '5551234', /http/],
    ['a file: template', 'file:///etc/passwd?{number}', '5551234', /http/],
    ['a data: template', 'data:text/html,{number}', '5551234', /http/],
    ['a template with a newline', `${TEMPLATE}\nx`, '5551234', /line breaks/],
    ['a number with a newline', TEMPLATE, '5551234\nrm', /no number/],
    ['a %-encoded path in the number', TEMPLATE, '%2e%2e%2f', /no number/],
    ['a withheld number', TEMPLATE, '', /no number/],
  ])('never opens anything for %s', async (_case, template, number, why) => {
    const openExternal = vi.fn(async () => {});
    const result = await openCrmLookup(number, { template: () => template, openExternal });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(english(result.error)).toMatch(why);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('says so when the OS cannot open the page', async () => {
    const result = await openCrmLookup('5551234', {
      template: () => TEMPLATE,
      openExternal: async () => Promise.reject(new Error('no browser')),
    });
    expect(result).toEqual({ ok: false, error: { key: 'crm.openFailed', params: { reason: 'no browser' } } });
  });
});

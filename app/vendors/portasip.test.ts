import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../config';
import { portasip } from './portasip';

const base = {
  vendor: 'portasip',
  id: 'centrex',
  label: 'Office Centrex',
  url: 'wss://pbx.example.com:8444/ws',
  login: 'reception',
  passwordEnv: 'PORTASIP_PASSWORD',
  watch: [{ i_customer: 30 }],
  reception: { number: '1100' },
};
const parse = (connection: Record<string, unknown>) => parseConfig({ connections: [connection] });

describe('PortaSIP connection settings', () => {
  it('accepts wss://, and ws:// only for a server on this machine', () => {
    expect(parse(base).connections[0]).toMatchObject({ vendor: 'portasip', url: 'wss://pbx.example.com:8444/ws' });
    expect(parse({ ...base, url: 'ws://127.0.0.1:9000/ws' }).connections[0]).toBeDefined();
    expect(() => parse({ ...base, url: 'ws://pbx.example.com:8444/ws' })).toThrow(
      /connections\[0\]\.url: wss:\/\/ \(plain ws:\/\/ only for a server on this machine\)/,
    );
    expect(() => parse({ ...base, url: 'https://pbx.example.com/ws' })).toThrow(ConfigError);
  });

  it('refuses a password in the file or in the URL', () => {
    expect(() => parse({ ...base, password: 'x' })).toThrow(/Passwords do not belong/);
    expect(() => parse({ ...base, url: 'wss://a:b@pbx.example.com/ws' })).toThrow(/without a user name or password/);
  });

  it('needs exactly one id per scope, at least one scope, a well-formed pin', () => {
    expect(() => parse({ ...base, watch: [] })).toThrow(/connections\[0\]\.watch: At least one scope/);
    expect(() => parse({ ...base, watch: [{ i_customer: 30, i_account: 5 }] })).toThrow(/connections\[0\]\.watch\[0\]: Exactly one of/);
    expect(() => parse({ ...base, certificateSha256: 'abc' })).toThrow(ConfigError);
    const pin = Array.from({ length: 32 }, () => 'AB').join(':');
    expect(parse({ ...base, certificateSha256: pin }).connections[0]).toMatchObject({ certificateSha256: pin });
  });
});

describe('PortaSIP account to charge (bill_id)', () => {
  it('is an optional per-line setting, on the reception and on each extension', () => {
    const parsed = parse({
      ...base,
      reception: { number: '1100', billId: '37255501100' },
      extensions: [{ number: '1103', billId: '123007' }],
    });
    expect(parsed.connections[0]).toMatchObject({ reception: { billId: '37255501100' }, extensions: [{ billId: '123007' }] });
    expect(parse(base).connections[0]).toMatchObject({ reception: { number: '1100' } });
    expect(() => parse({ ...base, reception: { number: '1100', billId: '' } })).toThrow(/connections\[0\]\.reception\.billId/);
    expect(() => parse({ ...base, reception: { number: '1100', billId: '372 555' } })).toThrow(/connections\[0\]\.reception\.billId/);
  });

  it('the settings form shows it, keeps the line label, and an emptied field removes it', () => {
    const form = portasip.form;
    const saved = parseConfig({ connections: [{ ...base, reception: { number: '1100', label: 'Front desk', billId: '37255501100' } }] })
      .connections[0];
    if (saved.vendor !== 'portasip') throw new Error('not portasip');
    expect(form.fields.find((f) => f.key === 'billId')).toMatchObject({
      label: 'portasip.settings.billId',
      hint: 'portasip.settings.billIdHint',
    });
    const values = form.toValues(saved);
    expect(values.billId).toBe('37255501100');
    expect(form.toConnection({ ...values, billId: ' 123007 ' }, saved)).toMatchObject({
      reception: { number: '1100', label: 'Front desk', billId: '123007' },
    });
    expect(form.toConnection({ ...values, billId: '' }, saved).reception).toEqual({ number: '1100', label: 'Front desk' });
  });
});

describe('PortaSIP call queue names (queueNames)', () => {
  it('maps i_c_queue ids to names; ids are numbers, names are line labels', () => {
    expect(parse({ ...base, queueNames: { '1': 'Sales', '22': 'Support' } }).connections[0]).toMatchObject({
      queueNames: { '1': 'Sales', '22': 'Support' },
    });
    expect(() => parse({ ...base, queueNames: { sales: 'Sales' } })).toThrow(/connections\[0\]\.queueNames/);
    expect(() => parse({ ...base, queueNames: { '1': '' } })).toThrow(/connections\[0\]\.queueNames/);
    expect(() => parse({ ...base, queueNames: { '1': 'x'.repeat(65) } })).toThrow(/connections\[0\]\.queueNames/);
    expect(() => parse({ ...base, queueNames: 'Sales' })).toThrow(/connections\[0\]\.queueNames/);
  });

  it('the settings form writes them as "1=Sales; 2=Support", and an emptied field removes them', () => {
    const form = portasip.form;
    const saved = parseConfig({ connections: [{ ...base, queueNames: { '1': 'Sales', '2': 'Support' } }] }).connections[0];
    if (saved.vendor !== 'portasip') throw new Error('not portasip');
    expect(form.fields.find((f) => f.key === 'queueNames')).toMatchObject({
      label: 'portasip.settings.queueNames',
      hint: 'portasip.settings.queueNamesHint',
      required: false,
    });
    const values = form.toValues(saved);
    expect(values.queueNames).toBe('1=Sales; 2=Support');
    expect(form.toConnection({ ...values, queueNames: ' 1 = Sales desk ;3=Billing; ' }, saved).queueNames).toEqual({
      '1': 'Sales desk',
      '3': 'Billing',
    });
    expect(form.toConnection({ ...values, queueNames: '' }, saved).queueNames).toBeUndefined();
    // Text that is no such list reaches the schema as text, which names the field.
    const typo = form.toConnection({ ...values, queueNames: 'Sales' }, saved);
    expect(() => parseConfig({ connections: [typo] })).toThrow(/connections\[0\]\.queueNames/);
  });
});

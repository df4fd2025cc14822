import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../config';

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

import { describe, expect, it } from 'vitest';
import { connectionPassword, requiredPassword } from './password';

const host = (stored?: string) => ({ storedPassword: async () => stored });

describe('connection passwords', () => {
  it('takes the environment variable the configuration names over the stored password', async () => {
    process.env.ATTENDANT_TEST_SECRET = 'from-env';
    expect(await connectionPassword({ passwordEnv: 'ATTENDANT_TEST_SECRET' }, host('stored'))).toBe('from-env');
    delete process.env.ATTENDANT_TEST_SECRET;
    await expect(connectionPassword({ passwordEnv: 'ATTENDANT_TEST_SECRET' }, host('stored'))).rejects.toMatchObject({
      text: { key: 'password.envNotSet', params: { name: 'ATTENDANT_TEST_SECRET' } },
    });
  });

  it('falls back to the credential store, and says so when a vendor needs one and none is there', async () => {
    expect(await connectionPassword({}, host('stored'))).toBe('stored');
    expect(await connectionPassword({}, {})).toBeUndefined();
    await expect(requiredPassword({}, host(undefined))).rejects.toMatchObject({ text: { key: 'password.none' } });
  });
});

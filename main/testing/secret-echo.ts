/**
 * A PBX that echoes the credentials it was sent, for the tests that prove a
 * fault text never carries them to a message or a log line
 * (connectors/shared/peer-fault-text.ts).
 */
import { expect } from 'vitest';
import { REDACTED } from '../connectors/shared/peer-fault-text';

/** A password whose plain, URL-encoded and Base64 forms all differ (space, '/', '+'). */
export const ECHOED_PASSWORD = 'S3cret pass/word+1';

/** The forms a careless PBX echoes a password in. */
export function echoedForms(username: string, password = ECHOED_PASSWORD): Record<string, string> {
  return {
    plain: password,
    basic: Buffer.from(`${username}:${password}`).toString('base64'),
    base64: Buffer.from(password).toString('base64'),
    url: encodeURIComponent(password),
    form: new URLSearchParams({ p: password }).toString().slice(2),
  };
}

/** A fault text quoting every one of those forms. */
export function echoingFault(username: string, password = ECHOED_PASSWORD): string {
  const forms = echoedForms(username, password);
  return (
    `login ${username} refused: password "${forms.plain}", Authorization: Basic ${forms.basic}, ` +
    `token ${forms.base64}, body password=${forms.url}&again=${forms.form}`
  );
}

/** Fails when anything in `values` (serialised) still holds one of the forms; passes only if some redaction happened. */
export function expectNoEchoedSecret(values: unknown[], username: string, password = ECHOED_PASSWORD): void {
  const serialised = JSON.stringify(values, (_key, value: unknown) =>
    value instanceof Error ? { name: value.name, message: value.message, cause: value.cause } : value,
  );
  for (const [form, text] of Object.entries(echoedForms(username, password))) {
    expect(serialised.includes(text), `the ${form} form of the password (${text}) reached a message or the log`).toBe(false);
    expect(serialised.toLowerCase().includes(text.toLowerCase()), `the ${form} form, in another case`).toBe(false);
  }
  expect(serialised).toContain(REDACTED);
}

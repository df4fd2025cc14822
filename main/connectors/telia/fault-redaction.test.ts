/**
 * A Telia endpoint that echoes the credentials in its SOAP faultstring or its
 * ServiceError: the receptionist's message and every log line get Telia's
 * words with the password redacted (plain, Base64 of user:password,
 * URL-encoded) and bounded.
 */
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../app/testing/manual-clock';
import { ConsoleError } from '../../core/errors';
import { createSelfSignedCertificate } from '../../sim/shared/self-signed-certificate';
import { memoryLogger } from '../../testing/memory-logger';
import { ECHOED_PASSWORD, echoingFault, expectNoEchoedSecret } from '../../testing/secret-echo';
import { FAULT_TEXT_LIMIT } from '../shared/peer-fault-text';
import { buildFaultEnvelope } from '../shared/soap';
import { escapeXml } from '../shared/xml';
import { TeliaConnector } from './connector';

const USERNAME = 'P0000000@elion.ee';
const OWN_NUMBERS = readFileSync(new URL('./fixtures/response-listOwnNumbers.xml', import.meta.url), 'utf8');
const certificate = createSelfSignedCertificate();
let server: https.Server | undefined;
let connector: TeliaConnector | undefined;

afterEach(async () => {
  await connector?.disconnect();
  connector = undefined;
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** Answers listOwnNumbers with the document's example unless `refuseAll`; every other request with `reply`. */
async function telia(reply: string, refuseAll = false): Promise<string> {
  server = https.createServer({ cert: certificate.cert, key: certificate.key }, (req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'text/xml' });
      res.end(!refuseAll && body.includes('listOwnNumbers') ? OWN_NUMBERS : reply);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}/external/services/index.php`;
}

function teliaConnector(url: string, password = ECHOED_PASSWORD) {
  const log = memoryLogger();
  connector = new TeliaConnector(
    {
      vendor: 'telia',
      id: 'tl',
      label: 'Telia',
      username: USERNAME,
      servicesUrl: url,
      phonebookUrl: url,
      tlsFingerprint256: certificate.fingerprint256,
      country: 'EE',
      notifications: { mode: 'poll' },
    },
    { emit: () => {}, link: () => {}, factsChanged: () => {}, storedPassword: async () => password, log, clock: new ManualClock() },
    'EE',
  );
  return { c: connector, log };
}

async function failure(promise: Promise<unknown>): Promise<ConsoleError> {
  const error = await promise.then(
    () => expect.fail('expected a failure'),
    (e: unknown) => e,
  );
  if (!(error instanceof ConsoleError)) return expect.fail(`a ConsoleError, not ${String(error)}`);
  return error;
}

const serviceError = (code: string, message: string) =>
  '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><listPhoneBookEntriesResponse>' +
  `<ServiceError><ErrorCode>${escapeXml(code)}</ErrorCode><ErrorMessage>${escapeXml(message)}</ErrorMessage></ServiceError>` +
  '</listPhoneBookEntriesResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>';

describe('Telia fault strings', () => {
  it('a SOAP fault echoing the password: neither the message nor the log quote it', async () => {
    const { c, log } = teliaConnector(await telia(buildFaultEnvelope(`s:${echoingFault(USERNAME)}`, echoingFault(USERNAME)), true));
    const error = await failure(c.connect());
    expect(error.text.key).toBe('telia.service.other');
    expect(error.text.params?.reason).toContain(`login ${USERNAME} refused`);
    expectNoEchoedSecret([error.text, error.message, error.code, log.entries], USERNAME);
  });

  it('a ServiceError echoing the password while the phonebook is read: the log line does not quote it', async () => {
    const { c, log } = teliaConnector(await telia(serviceError('ERR9', echoingFault(USERNAME))));
    await c.connect();
    const warnings = log.entries.filter((e) => e.level === 'warn');
    expect(warnings.map((e) => e.message)).toContain('telia: phonebook not read');
    expect(JSON.stringify(warnings)).toContain(`login ${USERNAME} refused`);
    expectNoEchoedSecret([log.entries], USERNAME);
  });

  it('an unreadable answer whose parser message quotes the password: redacted and bounded', async () => {
    // The parser quotes names: a password that is one, as an element's name and as a repeated attribute's.
    const password = 'S3cretPassword';
    for (const body of [
      `<Envelope><Body><${password}>`,
      `<Envelope><Body><x ${password}="1" ${password}="2"/></Body></Envelope>`,
      `<Envelope><Body><${'n'.repeat(200_000)}>`,
    ]) {
      const { c, log } = teliaConnector(await telia(body, true), password);
      const error = await failure(c.connect());
      expect(JSON.stringify([error.text, error.message, log.entries])).not.toContain(password);
      expect(error.message.length).toBeLessThan(FAULT_TEXT_LIMIT + 200);
      await c.disconnect();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
      server = undefined;
    }
  });

  it('a 100 KB faultstring is cut to the limit', async () => {
    const { c } = teliaConnector(await telia(buildFaultEnvelope('s:Server', `refused ${'x'.repeat(100 * 1024)}`), true));
    const error = await failure(c.connect());
    const reason = error.text.params?.reason;
    if (typeof reason !== 'string') return expect.fail("the reason is Telia's text");
    expect(reason.startsWith('refused xxx')).toBe(true);
    expect(reason.length).toBeLessThanOrEqual(FAULT_TEXT_LIMIT);
  });
});

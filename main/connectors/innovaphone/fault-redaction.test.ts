/**
 * A PBX that echoes the credentials in its SOAP faultstring: the receptionist's
 * message and every log line get the fault's words with the password redacted
 * (plain, Base64 of user:password, URL-encoded) and bounded.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../app/testing/manual-clock';
import type { InnovaphoneConnectionConfig } from '../../../app/vendors';
import { ConsoleError } from '../../core/errors';
import { memoryLogger } from '../../testing/memory-logger';
import { ECHOED_PASSWORD, echoingFault, expectNoEchoedSecret } from '../../testing/secret-echo';
import { FAULT_TEXT_LIMIT } from '../shared/peer-fault-text';
import { buildFaultEnvelope } from '../shared/soap';
import { InnovaphoneConnector } from './connector';

let server: http.Server | undefined;
let connector: InnovaphoneConnector | undefined;

afterEach(async () => {
  await connector?.disconnect();
  connector = undefined;
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A PBX that answers every request with a SOAP fault whose faultstring is `faultString`. */
async function faultingPbx(faultString: string): Promise<string> {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(500, { 'Content-Type': 'text/xml' });
      res.end(buildFaultEnvelope('SOAP-ENV:Server', faultString));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/PBX0/user.soap`;
}

async function connectTo(url: string) {
  const log = memoryLogger();
  const config: InnovaphoneConnectionConfig = {
    vendor: 'innovaphone',
    id: 'ip',
    label: 'innovaphone',
    url,
    username: 'Reception',
    auth: 'basic',
    lines: [{ cn: 'Reception', label: 'Reception' }],
  };
  connector = new InnovaphoneConnector(
    config,
    { emit: () => {}, link: () => {}, factsChanged: () => {}, storedPassword: async () => ECHOED_PASSWORD, log, clock: new ManualClock() },
    'EE',
  );
  const error = await connector.connect().then(
    () => expect.fail('a PBX that only faults cannot be connected to'),
    (e: unknown) => e,
  );
  if (!(error instanceof ConsoleError)) return expect.fail(`a ConsoleError, not ${String(error)}`);
  return { error, log };
}

describe('innovaphone fault strings', () => {
  it('reach neither the message nor the log with the password in any echoed form', async () => {
    const { error, log } = await connectTo(await faultingPbx(echoingFault('Reception')));
    expect(error.text.key).toBe('innovaphone.fault');
    // The pbx11 probe's refusal and the connect failure are both logged with the fault as the cause.
    expect(log.entries.some((e) => JSON.stringify(e.meta).includes('login Reception refused'))).toBe(true);
    expectNoEchoedSecret([error.text, error.message, error.cause, log.entries], 'Reception');
  });

  it('a 100 KB faultstring is cut to the limit, in the message and in the logged cause', async () => {
    const { error, log } = await connectTo(await faultingPbx(`refused ${'x'.repeat(100 * 1024)}`));
    const reason = error.text.params?.reason;
    if (typeof reason !== 'string') return expect.fail("the reason is the PBX's text");
    expect(reason.length).toBeLessThanOrEqual(FAULT_TEXT_LIMIT);
    expect(reason.startsWith('refused xxx')).toBe(true);
    for (const entry of log.entries) expect(JSON.stringify(entry).length).toBeLessThan(4 * FAULT_TEXT_LIMIT);
  });
});

/** The client's failures: a SOAP Fault is the PBX's refusal (its words bounded, as a parameter); the rest are TransportErrors. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTranslator } from '../../../app/i18n/translator';
import { buildFaultEnvelope } from '../shared/soap';
import { TransportError } from '../shared/transport-error';
import { FAULT_TEXT_LIMIT } from '../shared/peer-fault-text';
import { InnovaphoneClient, InnovaphoneError } from './client';

let server: http.Server | undefined;
let client: InnovaphoneClient | undefined;

afterEach(async () => {
  client?.close();
  client = undefined;
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A PBX that answers every request with `status` and `body`; `seen` gets each request's SOAPAction and body. */
async function pbx(status: number, body: string, seen?: { action: string; body: string }[]): Promise<InnovaphoneClient> {
  server = http.createServer((req, res) => {
    let received = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
    req.on('end', () => {
      seen?.push({ action: String(req.headers.soapaction), body: received });
      res.writeHead(status, { 'Content-Type': 'text/xml' });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = new InnovaphoneClient({ url: `http://127.0.0.1:${port}/PBX0/user.soap`, credentials: { username: 'u', password: 'p' } });
  return client;
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected a failure'),
    (error: unknown) => error,
  );

describe('InnovaphoneClient failures', () => {
  it("a SOAP fault is an InnovaphoneError carrying the operation and the PBX's fault string, bounded", async () => {
    const c = await pbx(500, buildFaultEnvelope('SOAP-ENV:Server', `invalid session ${'x'.repeat(1000)}`));
    const error = await failure(c.call({ op: 'Poll', session: 1 }, 'poll'));
    expect(error).toBeInstanceOf(InnovaphoneError);
    const fault = error as InnovaphoneError;
    expect(fault).toMatchObject({
      kind: 'fault',
      code: 'SOAP-ENV:Server',
      text: { key: 'innovaphone.fault', params: { operation: 'Poll' } },
    });
    const reason = fault.text.params?.reason;
    if (typeof reason !== 'string') return expect.fail("the reason is the PBX's text");
    expect(reason.startsWith('invalid session x')).toBe(true);
    expect(reason.length).toBeLessThanOrEqual(FAULT_TEXT_LIMIT);
    expect(createTranslator('en')(fault.text)).toMatch(/^The PBX refused Poll: invalid session x+…$/);
  });

  it('a reply that is not SOAP is a malformed-answer TransportError naming the server', async () => {
    const c = await pbx(200, '<html>maintenance</html>');
    const error = await failure(c.call({ op: 'Version' }));
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: 'malformed', server: c.origin });
    expect(createTranslator('en')((error as TransportError).text)).toBe(
      `${c.origin} sent an answer the console cannot read (the reply to Version is not a SOAP message).`,
    );
  });

  it('an HTTP status without a fault is a status TransportError', async () => {
    const c = await pbx(503, 'busy');
    const error = await failure(c.call({ op: 'Version' }));
    expect(error).toMatchObject({ kind: 'status', server: c.origin, text: { key: 'transport.status', params: { status: 503 } } });
  });
});

describe('InnovaphoneClient dialects', () => {
  it("encodes by the dialect set: the SOAPAction header quoted, the body in that WSDL's form", async () => {
    const seen: { action: string; body: string }[] = [];
    const reply = '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><UserTransferResponse/></s:Body></s:Envelope>';
    const c = await pbx(200, reply, seen);
    await c.call({ op: 'UserTransfer', a: 3, b: 5 });
    c.dialect = 'pbx11';
    await c.call({ op: 'UserTransfer', a: 3, b: 5 });
    expect(seen.map((s) => s.action)).toEqual(['"http://innovaphone.com/pbx#UserTransfer"', '"http://innovaphone.com/pbx/UserTransfer"']);
    expect(seen[0].body).toContain('<tns:UserTransfer><a xsi:type="xsd:int">3</a><b xsi:type="xsd:int">5</b></tns:UserTransfer>');
    expect(seen[1].body).toContain('<UserTransfer xmlns="http://innovaphone.com/pbx"><a>3</a><b>5</b></UserTransfer>');
  });
});

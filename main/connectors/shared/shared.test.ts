import http from 'node:http';
import https from 'node:https';
import { X509Certificate } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSelfSignedCertificate } from '../../sim/shared/self-signed-certificate';
import { basicAuthorization, DigestSession, DigestVerifier, digestResponse, parseChallenges, verifyBasic } from './http-auth';
import { HttpEndpoint, normalizeFingerprint } from './http-client';
import { TransportError } from './transport-error';
import { buildEnvelope, buildFaultEnvelope, readSoapBody, SoapArray, SoapFault, SoapFormatError, SoapStruct } from './soap';
import { child, readXml } from './xml';

describe('the shared XML reader (xml.ts)', () => {
  it('strips prefixes, keeps order and strings, decodes only predefined entities', () => {
    const root = readXml('<a:R xmlns:a="x"><a:n>0012</a:n><b>x &amp; &#65;&lt;</b><b>2</b></a:R>', 'doc');
    expect(root.name).toBe('R');
    expect(root.children.map((c) => c.name)).toEqual(['n', 'b', 'b']);
    expect(child(root, 'N')?.text).toBe('0012');
    expect(root.children[1].text).toBe('x & A<');
  });

  it('refuses DOCTYPEs and malformed documents with a clear error', () => {
    expect(() => readXml('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', 'doc')).toThrow(/DOCTYPE/);
    expect(() => readXml('<x><y></x>', 'doc')).toThrow(/not well-formed/);
    expect(() => readXml('<x/>'.padEnd(200, ' '), 'doc', 100)).toThrow(/larger than/);
  });
});

describe('soap', () => {
  it('builds an rpc/encoded envelope with typed parts, structs and arrays', () => {
    const xml = buildEnvelope({
      namespace: 'http://innovaphone.com/pbx',
      operation: 'UserCall',
      parts: [
        ['user', 5],
        ['cn', 'A&B'],
        ['flag', true],
        ['info', new SoapArray('Info', [new SoapStruct('Info', [['type', 'x']])])],
      ],
    });
    expect(xml).toContain(
      '<tns:UserCall><user xsi:type="xsd:int">5</user><cn xsi:type="xsd:string">A&amp;B</cn><flag xsi:type="xsd:boolean">true</flag>',
    );
    expect(xml).toContain(
      '<info xsi:type="soapenc:Array" soapenc:arrayType="tns:Info[1]"><item xsi:type="tns:Info"><type xsi:type="xsd:string">x</type></item></info>',
    );
    expect(readSoapBody(xml, 'request').name).toBe('UserCall');
  });

  it('turns a SOAP 1.1 or 1.2 Fault into a SoapFault and non-envelopes into SoapFormatError', () => {
    expect(() => readSoapBody(buildFaultEnvelope('SOAP-ENV:Server', 'invalid session'), 'reply')).toThrow(SoapFault);
    const v12 =
      '<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><e:Fault><e:Code><e:Value>e:Sender</e:Value></e:Code><e:Reason><e:Text>bad</e:Text></e:Reason></e:Fault></e:Body></e:Envelope>';
    try {
      readSoapBody(v12, 'reply');
    } catch (error) {
      expect(error).toBeInstanceOf(SoapFault);
      expect((error as SoapFault).faultString).toBe('bad');
      expect((error as SoapFault).faultCode).toBe('e:Sender');
    }
    expect(() => readSoapBody('<html/>', 'reply')).toThrow(SoapFormatError);
    expect(() => readSoapBody('not xml <', 'reply')).toThrow(SoapFormatError);
  });
});

describe('http-auth', () => {
  // RFC 7616 section 3.9.1, verbatim.
  const rfc = {
    username: 'Mufasa',
    password: 'Circle of Life',
    realm: 'http-auth@example.org',
    nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
    method: 'GET',
    uri: '/dir/index.html',
    nc: '00000001',
    cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
    qop: 'auth',
  };

  it('computes the RFC 7616 example responses for MD5 and SHA-256', () => {
    expect(digestResponse({ ...rfc, algorithm: 'MD5' })).toBe('8ca523f5e9506fed4657c9700eebdbec');
    expect(digestResponse({ ...rfc, algorithm: 'SHA-256' })).toBe('753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
  });

  it('parses several challenges in one header', () => {
    const parsed = parseChallenges('Digest realm="a, b", qop="auth,auth-int", nonce="n", algorithm=SHA-256, Basic realm="x"');
    expect(parsed).toEqual([
      { scheme: 'Digest', params: { realm: 'a, b', qop: 'auth,auth-int', nonce: 'n', algorithm: 'SHA-256' } },
      { scheme: 'Basic', params: { realm: 'x' } },
    ]);
  });

  it('a DigestSession answer passes the verifier; a wrong password does not', () => {
    for (const algorithm of ['MD5', 'SHA-256', 'SHA-256-sess'] as const) {
      const verifier = new DigestVerifier({ realm: 'PBX', algorithm, passwordOf: (u) => (u === 'api' ? 'pw' : undefined) });
      const [challenge] = parseChallenges(verifier.challenge());
      expect(
        verifier.verify(new DigestSession(challenge, { username: 'api', password: 'pw' }).authorization('POST', '/x'), 'POST'),
      ).toEqual({ ok: true, username: 'api' });
      expect(
        verifier.verify(new DigestSession(challenge, { username: 'api', password: 'no' }).authorization('POST', '/x'), 'POST').ok,
      ).toBe(false);
    }
    expect(verifyBasic(basicAuthorization({ username: 'api', password: 'p:w' }), () => 'p:w')).toEqual({ ok: true, username: 'api' });
  });
});

describe('HttpEndpoint', () => {
  const servers: (http.Server | https.Server)[] = [];
  const endpoints: HttpEndpoint[] = [];
  afterEach(async () => {
    for (const e of endpoints.splice(0)) e.close();
    await Promise.all(
      servers.splice(0).map(
        (s) =>
          new Promise((r) => {
            s.closeAllConnections();
            s.close(r);
          }),
      ),
    );
  });

  async function listen(server: http.Server | https.Server): Promise<number> {
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return (server.address() as AddressInfo).port;
  }

  function endpoint(options: ConstructorParameters<typeof HttpEndpoint>[0]): HttpEndpoint {
    const e = new HttpEndpoint(options);
    endpoints.push(e);
    return e;
  }

  it('answers a Digest challenge once and then authenticates every request on the kept-alive connection', async () => {
    const verifier = new DigestVerifier({ realm: 'PBX', algorithm: 'SHA-256', passwordOf: () => 'secret' });
    let challenges = 0;
    const sockets = new Set<unknown>();
    const port = await listen(
      http.createServer((req, res) => {
        sockets.add(req.socket);
        const verdict = verifier.verify(req.headers.authorization, req.method!);
        if (!verdict.ok) {
          challenges++;
          res.writeHead(401, { 'WWW-Authenticate': verifier.challenge() }).end();
          return;
        }
        req.resume().on('end', () => res.end('ok'));
      }),
    );
    const e = endpoint({ url: `http://127.0.0.1:${port}/PBX0/user.soap`, credentials: { username: 'api', password: 'secret' } });
    for (let i = 0; i < 3; i++) expect((await e.post('<x/>')).body).toBe('ok');
    expect(challenges).toBe(1);
    expect(sockets.size).toBe(1);
  });

  it('a wrong password is a clear auth TransportError', async () => {
    const verifier = new DigestVerifier({ realm: 'PBX', algorithm: 'MD5', passwordOf: () => 'secret' });
    const port = await listen(http.createServer((_req, res) => res.writeHead(401, { 'WWW-Authenticate': verifier.challenge() }).end()));
    const e = endpoint({ url: `http://127.0.0.1:${port}/`, credentials: { username: 'api', password: 'wrong' } });
    await expect(e.post('<x/>')).rejects.toMatchObject({ kind: 'auth' });
  });

  it('times out a request that gets no answer, and reports a refused connection', async () => {
    const port = await listen(http.createServer(() => undefined));
    await expect(endpoint({ url: `http://127.0.0.1:${port}/`, timeoutMs: 150 }).post('<x/>')).rejects.toMatchObject({ kind: 'timeout' });
    const closed = await listen(http.createServer());
    await new Promise((r) => servers.pop()!.close(r));
    await expect(endpoint({ url: `http://127.0.0.1:${closed}/` }).post('<x/>')).rejects.toBeInstanceOf(TransportError);
  });

  it('an aborted post closes its connection at once and rejects with the reason; an aborted signal sends nothing', async () => {
    let requests = 0;
    let closedAtServer: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => (closedAtServer = resolve));
    // The server holds every request without answering, as a PBX busy with a long search would.
    const port = await listen(
      http.createServer((req) => {
        requests++;
        req.socket.once('close', () => closedAtServer());
      }),
    );
    const e = endpoint({ url: `http://127.0.0.1:${port}/`, timeoutMs: 10_000 });
    const controller = new AbortController();
    const post = e.post('<x/>', { signal: controller.signal });
    await vi.waitFor(() => expect(requests).toBe(1));
    const reason = new Error('replaced by a newer search');
    controller.abort(reason);
    await expect(post).rejects.toBe(reason);
    await closed;
    await expect(e.post('<x/>', { signal: controller.signal })).rejects.toBe(reason);
    expect(requests).toBe(1);
  });

  it('trusts a self-signed certificate only when its pinned fingerprint matches', async () => {
    const { cert, key } = createSelfSignedCertificate('pbx.test');
    let requests = 0;
    const port = await listen(
      https.createServer({ cert, key }, (req, res) => {
        requests++;
        req.resume().on('end', () => res.end('secure'));
      }),
    );
    const url = `https://127.0.0.1:${port}/`;
    const fingerprint = new X509Certificate(cert).fingerprint256;
    expect((await endpoint({ url, tls: { fingerprint256: fingerprint.replace(/:/g, '').toLowerCase() } }).post('<x/>')).body).toBe(
      'secure',
    );
    await expect(endpoint({ url }).post('<x/>')).rejects.toMatchObject({ kind: 'tls' });
    await expect(endpoint({ url, tls: { fingerprint256: 'AA'.repeat(32) } }).post('<x/>')).rejects.toMatchObject({ kind: 'tls' });
    expect(requests).toBe(1);
    expect(() => normalizeFingerprint('abc')).toThrow(/64 hex digits/);
  });
});

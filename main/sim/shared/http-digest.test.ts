import { describe, expect, it } from 'vitest';
import { digestResponse, DigestVerifier, parseAuthorization, verifyBasic, type DigestAlgorithm } from './http-digest';

// RFC 7616 section 3.9.1 (the same request answered with MD5 and with SHA-256).
const RFC7616 = {
  username: 'Mufasa',
  password: 'Circle of Life',
  realm: 'http-auth@example.org',
  uri: '/dir/index.html',
  nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
  cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
  opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
};
const RFC7616_MD5 = '8ca523f5e9506fed4657c9700eebdbec';
const RFC7616_SHA256 = '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1';

function rfc7616Header(algorithm: 'MD5' | 'SHA-256', response: string, nc = '00000001'): string {
  return (
    `Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=${algorithm}, ` +
    `nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", nc=${nc}, cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", ` +
    `qop=auth, response="${response}", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`
  );
}

function rfc7616Verifier(algorithm: DigestAlgorithm): DigestVerifier {
  const verifier = new DigestVerifier({
    realm: RFC7616.realm,
    algorithm,
    opaque: RFC7616.opaque,
    newNonce: () => RFC7616.nonce,
    passwordOf: (u) => (u === 'Mufasa' ? RFC7616.password : undefined),
  });
  verifier.challenge();
  return verifier;
}

describe('digestResponse', () => {
  it('computes the RFC 7616 examples (MD5 and SHA-256)', () => {
    const fields = { ...RFC7616, method: 'GET', nc: '00000001', qop: 'auth' as const };
    expect(digestResponse({ ...fields, algorithm: 'MD5' })).toBe(RFC7616_MD5);
    expect(digestResponse({ ...fields, algorithm: 'SHA-256' })).toBe(RFC7616_SHA256);
  });

  it('computes the RFC 2617 example', () => {
    expect(
      digestResponse({
        algorithm: 'MD5',
        username: 'Mufasa',
        realm: 'testrealm@host.com',
        password: 'Circle Of Life',
        method: 'GET',
        uri: '/dir/index.html',
        nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
        nc: '00000001',
        cnonce: '0a4f113b',
        qop: 'auth',
      }),
    ).toBe('6629fae49393a05397450978507c4ef1');
  });
});

describe('DigestVerifier', () => {
  it('accepts the RFC 7616 requests, MD5 and SHA-256', () => {
    expect(rfc7616Verifier('MD5').verify(rfc7616Header('MD5', RFC7616_MD5), 'GET', RFC7616.uri)).toEqual({ ok: true, username: 'Mufasa' });
    expect(rfc7616Verifier('SHA-256').verify(rfc7616Header('SHA-256', RFC7616_SHA256), 'GET', RFC7616.uri)).toEqual({
      ok: true,
      username: 'Mufasa',
    });
  });

  it('accepts the RFC 2617 request (no algorithm means MD5)', () => {
    const verifier = new DigestVerifier({
      realm: 'testrealm@host.com',
      algorithm: 'MD5',
      opaque: '5ccc069c403ebaf9f0171e9517f40e41',
      newNonce: () => 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
      passwordOf: () => 'Circle Of Life',
    });
    verifier.challenge();
    const header =
      'Digest username="Mufasa", realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="/dir/index.html", ' +
      'qop=auth, nc=00000001, cnonce="0a4f113b", response="6629fae49393a05397450978507c4ef1", opaque="5ccc069c403ebaf9f0171e9517f40e41"';
    expect(verifier.verify(header, 'GET', '/dir/index.html').ok).toBe(true);
  });

  it('refuses a wrong method, uri, algorithm, realm, password or a replayed nonce count', () => {
    const header = rfc7616Header('SHA-256', RFC7616_SHA256);
    expect(rfc7616Verifier('SHA-256').verify(header, 'POST', RFC7616.uri)).toMatchObject({ ok: false, reason: 'wrong response' });
    expect(rfc7616Verifier('SHA-256').verify(header, 'GET', '/other')).toMatchObject({ ok: false });
    expect(rfc7616Verifier('MD5').verify(header, 'GET', RFC7616.uri)).toMatchObject({ ok: false });
    expect(rfc7616Verifier('SHA-256').verify(header.replace('http-auth@', 'x@'), 'GET', RFC7616.uri)).toMatchObject({ ok: false });
    const wrongUser = rfc7616Verifier('SHA-256');
    expect(wrongUser.verify(header.replace('"Mufasa"', '"Simba"'), 'GET', RFC7616.uri)).toMatchObject({ ok: false });
    const replay = rfc7616Verifier('SHA-256');
    expect(replay.verify(header, 'GET', RFC7616.uri).ok).toBe(true);
    expect(replay.verify(header, 'GET', RFC7616.uri)).toMatchObject({ ok: false, reason: 'nonce count 00000001 was used before' });
  });

  it('calls a right answer to a nonce it did not issue stale', () => {
    const verifier = new DigestVerifier({
      realm: RFC7616.realm,
      algorithm: 'MD5',
      opaque: RFC7616.opaque,
      passwordOf: () => RFC7616.password,
    });
    expect(verifier.verify(rfc7616Header('MD5', RFC7616_MD5), 'GET', RFC7616.uri)).toMatchObject({ ok: false, stale: true });
    const fresh = rfc7616Verifier('MD5');
    fresh.expireNonces();
    expect(fresh.verify(rfc7616Header('MD5', RFC7616_MD5), 'GET', RFC7616.uri)).toMatchObject({ ok: false, stale: true });
  });

  it('accepts nonce counts out of order, each once (a held Poll and a command share a nonce)', () => {
    const verifier = new DigestVerifier({ realm: 'PBX0', algorithm: 'SHA-256', passwordOf: () => 'demo' });
    const challenge = parseAuthorization(verifier.challenge(), 'Digest');
    const nonce = challenge?.nonce ?? '';
    const header = (nc: string) => {
      const response = digestResponse({
        algorithm: 'SHA-256',
        username: 'API',
        realm: 'PBX0',
        password: 'demo',
        method: 'POST',
        uri: '/PBX0/user.soap',
        nonce,
        nc,
        cnonce: 'c',
        qop: 'auth',
      });
      return `Digest username="API", realm="PBX0", uri="/PBX0/user.soap", algorithm=SHA-256, nonce="${nonce}", nc=${nc}, cnonce="c", qop=auth, response="${response}", opaque="${challenge?.opaque ?? ''}"`;
    };
    expect(verifier.verify(header('00000002'), 'POST', '/PBX0/user.soap').ok).toBe(true);
    expect(verifier.verify(header('00000001'), 'POST', '/PBX0/user.soap').ok).toBe(true);
    expect(verifier.verify(header('00000002'), 'POST', '/PBX0/user.soap').ok).toBe(false);
  });
});

describe('parseAuthorization', () => {
  it('reads quoted strings with escapes and tokens, and refuses malformed headers', () => {
    expect(parseAuthorization('Digest username="a\\"b", nc=00000001 , qop=auth', 'digest')).toEqual({
      username: 'a"b',
      nc: '00000001',
      qop: 'auth',
    });
    expect(parseAuthorization('Basic abc', 'Digest')).toBeUndefined();
    expect(parseAuthorization('Digest username="unterminated', 'Digest')).toBeUndefined();
    expect(parseAuthorization('Digest a=1, a=2', 'Digest')).toBeUndefined();
  });
});

describe('verifyBasic', () => {
  it('checks user and password (RFC 7617 example: Aladdin / open sesame)', () => {
    const passwordOf = (u: string) => (u === 'Aladdin' ? 'open sesame' : undefined);
    expect(verifyBasic('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==', passwordOf)).toEqual({ ok: true, username: 'Aladdin' });
    expect(verifyBasic('Basic QWxhZGRpbjpvcGVuIHNlc2FtZg==', passwordOf).ok).toBe(false);
    expect(verifyBasic(undefined, passwordOf).ok).toBe(false);
  });
});

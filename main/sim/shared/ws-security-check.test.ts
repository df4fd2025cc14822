import { describe, expect, it } from 'vitest';
import { readSoapRequest } from './soap-envelope';
import { checkUsernameToken, NonceCache, PASSWORD_TYPE_URIS, passwordDigest, type UsernameTokenExpectation } from './ws-security-check';

const WSSE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const WSU = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
const NONCE = 'WScqanjCEAC4mQoBE07sAQ==';
const CREATED = '2026-12-01T14:30:00Z';
const PASSWORD = 's3cret-Õun';
/** Base64(SHA-1(nonce + created + password)), computed with openssl, not with the module under test. */
const DIGEST = 'PeEqJKpGOEjTsFimFa6NGRMOyUQ=';

function headersOf(token: string): ReturnType<typeof readSoapRequest>['headers'] {
  return readSoapRequest(
    `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ser="http://teenused.telia.ee/external/services/">` +
      `<soapenv:Header><wsse:Security soapenv:mustUnderstand="1" xmlns:wsse="${WSSE}" xmlns:wsu="${WSU}">${token}</wsse:Security></soapenv:Header>` +
      `<soapenv:Body><ser:listOwnNumbers/></soapenv:Body></soapenv:Envelope>`,
  ).headers;
}

const text = (password: string, type: string | undefined = PASSWORD_TYPE_URIS.PasswordText, user = 'P0000000@elion.ee') =>
  `<wsse:UsernameToken><wsse:Username>${user}</wsse:Username>` +
  `<wsse:Password${type === undefined ? '' : ` Type="${type}"`}>${password}</wsse:Password></wsse:UsernameToken>`;

const digest = (value = DIGEST, created = CREATED, nonce = NONCE) =>
  `<wsse:UsernameToken><wsse:Username>P0000000@elion.ee</wsse:Username>` +
  `<wsse:Password Type="${PASSWORD_TYPE_URIS.PasswordDigest}">${value}</wsse:Password>` +
  `<wsse:Nonce EncodingType="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary">${nonce}</wsse:Nonce>` +
  `<wsu:Created>${created}</wsu:Created></wsse:UsernameToken>`;

const expect_ = (overrides: Partial<UsernameTokenExpectation> = {}): UsernameTokenExpectation => ({
  username: 'P0000000@elion.ee',
  password: PASSWORD,
  accept: ['PasswordText', 'PasswordDigest'],
  now: Date.parse(CREATED) + 30_000,
  ...overrides,
});

describe('WS-Security UsernameToken check (OASIS Username Token Profile 1.0)', () => {
  it('PasswordText: the password as written; a Type left out is PasswordText', () => {
    expect(checkUsernameToken(headersOf(text(PASSWORD)), expect_())).toEqual({ ok: true, type: 'PasswordText' });
    expect(checkUsernameToken(headersOf(text(PASSWORD, undefined)), expect_())).toEqual({ ok: true, type: 'PasswordText' });
    expect(checkUsernameToken(headersOf(text('wrong')), expect_())).toEqual({ ok: false, reason: 'wrong user name or password' });
    expect(checkUsernameToken(headersOf(text(PASSWORD, undefined, 'someone')), expect_())).toMatchObject({ ok: false });
  });

  it('PasswordDigest: Base64(SHA-1(nonce + created + password)), within the time window, each nonce once', () => {
    expect(passwordDigest(Buffer.from(NONCE, 'base64'), CREATED, PASSWORD)).toBe(DIGEST);
    const nonces = new NonceCache();
    expect(checkUsernameToken(headersOf(digest()), expect_({ nonces }))).toEqual({ ok: true, type: 'PasswordDigest' });
    expect(checkUsernameToken(headersOf(digest()), expect_({ nonces }))).toEqual({
      ok: false,
      reason: 'the nonce was used before (a replay)',
    });
    expect(checkUsernameToken(headersOf(digest()), expect_({ password: 'other' }))).toMatchObject({ ok: false });
    expect(checkUsernameToken(headersOf(digest()), expect_({ now: Date.parse(CREATED) + 10 * 60_000 }))).toEqual({
      ok: false,
      reason: 'wsu:Created is outside the accepted time window',
    });
    expect(checkUsernameToken(headersOf(digest(DIGEST, CREATED, 'not base64!')), expect_())).toMatchObject({ ok: false });
    expect(checkUsernameToken(headersOf(digest(DIGEST, 'yesterday')), expect_())).toMatchObject({ ok: false });
  });

  it('a service takes only the types it names (Telia: PasswordText)', () => {
    expect(checkUsernameToken(headersOf(digest()), expect_({ accept: ['PasswordText'] }))).toEqual({
      ok: false,
      reason: 'PasswordDigest is not accepted here',
    });
    expect(checkUsernameToken(headersOf(text(PASSWORD, 'urn:other')), expect_())).toMatchObject({ ok: false });
  });

  it('no Security header, no token, two tokens, or a token in another namespace: refused', () => {
    expect(checkUsernameToken([], expect_())).toEqual({ ok: false, reason: 'no wsse:Security header' });
    expect(checkUsernameToken(headersOf(''), expect_())).toEqual({ ok: false, reason: 'no wsse:UsernameToken' });
    expect(checkUsernameToken(headersOf(text(PASSWORD) + text(PASSWORD)), expect_())).toMatchObject({ ok: false });
    const foreign = readSoapRequest(
      `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header><x:Security xmlns:x="urn:not-wsse">${text(PASSWORD).replace(/wsse:/g, 'x:')}</x:Security></s:Header><s:Body><a/></s:Body></s:Envelope>`,
    ).headers;
    expect(checkUsernameToken(foreign, expect_())).toEqual({ ok: false, reason: 'no wsse:Security header' });
  });
});

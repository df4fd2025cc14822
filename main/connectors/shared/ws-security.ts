/**
 * OASIS WS-Security 1.0 UsernameToken with a PasswordText password: the SOAP
 * header element a SOAP 1.1 service that authenticates "at the SOAP/XML
 * level" expects (Telia Smart calls). The password is sent as written, so
 * only ever over TLS.
 */
import { escapeXml } from './xml';

export const WSSE_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
export const PASSWORD_TEXT_TYPE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText';

export interface UsernameToken {
  username: string;
  password: string;
}

/** `<wsse:Security>` for a header whose envelope prefix is `envelopePrefix` (e.g. 'soapenv'). */
export function usernameTokenHeader(token: UsernameToken, envelopePrefix: string): string {
  return (
    `<wsse:Security ${envelopePrefix}:mustUnderstand="1" xmlns:wsse="${WSSE_NS}">` +
    `<wsse:UsernameToken>` +
    `<wsse:Username>${escapeXml(token.username)}</wsse:Username>` +
    `<wsse:Password Type="${PASSWORD_TEXT_TYPE}">${escapeXml(token.password)}</wsse:Password>` +
    `</wsse:UsernameToken>` +
    `</wsse:Security>`
  );
}

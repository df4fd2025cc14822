/**
 * The codec on every request and response example of the two Telia
 * documents, verbatim (fixtures/). What the console sends is also read by the
 * demo PBX's own reader (main/sim/telia/wire.ts), written from the same
 * documents: the two must agree on every request.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSoapRequest } from '../../sim/shared/soap-envelope';
import { checkUsernameToken } from '../../sim/shared/ws-security-check';
import { callEventQuery, readTeliaRequest, writeTeliaResponse } from '../../sim/telia/wire';
import { decodeNotification, decodeResponse, encodeRequest, SoapCodecError } from './codec';
import type { TeliaRequest } from './messages';

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
/** The request as the demo PBX reads it. */
const simReads = (xml: string) => readTeliaRequest(readSoapRequest(xml)).request;

/** Comments ("You may enter the following 2 items in any order") and layout whitespace do not matter. */
const normalize = (xml: string) =>
  xml
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/>\s+</g, '><')
    .replace(/\s+/g, ' ')
    .trim();

describe('requests, as the documents nest them', () => {
  const exact: [string, TeliaRequest][] = [
    ['request-clickToCall.xml', { op: 'clickToCall', aNumber: '3726401234', bNumber: '6401235' }],
    ['request-activateNotification.xml', { op: 'activateNotification', aNumber: '37264012345', targetUrl: 'http://excmpl.com/notify.php' }],
    ['request-deactivateNotification.xml', { op: 'deactivateNotification', aNumber: '37264012345' }],
    ['request-listOwnNumbers.xml', { op: 'listOwnNumbers' }],
    ['request-getCallHistory.xml', { op: 'getCallHistory', aNumber: '64012347' }],
    [
      'request-updateEntry.xml',
      { op: 'updateEntry', entry: { displayName: 'Jhon', phoneNumber1: '55112233', phoneNumber2: '6123456', id: '1' } },
    ],
    ['request-listPhoneBookEntries.xml', { op: 'listPhoneBookEntries' }],
  ];
  it.each(exact)('%s: encodes byte for byte (layout aside); the demo PBX reads it back', (name, request) => {
    expect(encodeRequest(request)).toBe(normalize(fixture(name)));
    expect(simReads(encodeRequest(request))).toEqual(request);
  });

  it('AddEntry: the example carries soapUI\'s "?" placeholder id, which the console leaves out', () => {
    const request: TeliaRequest = { op: 'AddEntry', entry: { displayName: 'Jhon', phoneNumber1: '55512345', phoneNumber2: '6012345' } };
    expect(encodeRequest(request)).toBe(normalize(fixture('request-AddEntry.xml')).replace('<phon:id>?</phon:id>', ''));
    expect(simReads(encodeRequest(request))).toEqual(request);
  });

  it('deleteEntry: the example forgets to declare the phon: prefix; the console declares it', () => {
    const xml = encodeRequest({ op: 'deleteEntry', id: '12' });
    expect(xml).toContain('xmlns:phon="http://teenused.telia.ee/external/phonebook/"');
    expect(simReads(xml)).toEqual({ op: 'deleteEntry', id: '12' });
  });

  it('puts the OASIS UsernameToken (PasswordText) in the header, escaped', () => {
    const xml = encodeRequest({ op: 'listOwnNumbers' }, { username: 'P0000000@elion.ee', password: 'a<b&"c' });
    expect(xml).toContain(
      '<wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">a&lt;b&amp;&quot;c</wsse:Password>',
    );
    const expected = { username: 'P0000000@elion.ee', password: 'a<b&"c', accept: ['PasswordText'] as const, now: 0 };
    expect(checkUsernameToken(readSoapRequest(xml).headers, expected)).toEqual({ ok: true, type: 'PasswordText' });
  });

  it('updateCallingLineNameIdentity round-trips (the documents show only its answer)', () => {
    const request: TeliaRequest = {
      op: 'updateCallingLineNameIdentity',
      aNumber: '3726401234',
      firstName: 'Vastuvõtt',
      lastName: 'Nordvalgus',
    };
    expect(simReads(encodeRequest(request))).toEqual(request);
  });
});

describe('responses, read tolerantly', () => {
  it('ServiceError example 1 (inside the response element) is an error', () => {
    expect(decodeResponse(fixture('response-ServiceError-example1.xml'))).toMatchObject({
      operation: 'getUser',
      error: { code: 'ERR001', message: 'Aiuthentication error' },
    });
  });

  it('ServiceError example 2 (directly in the Body, typed with xsi:type) is an error', () => {
    const response = decodeResponse(fixture('response-ServiceError-example2.xml'));
    expect(response.operation).toBe('');
    expect(response.error).toMatchObject({ code: 'SOAP-ENV:Client' });
    expect(response.error?.message).toMatch(/^error in msg parsing: XML error parsing SOAP payload on line 7: Mismatched tag$/);
  });

  it('listOwnNumbers', () => {
    expect(decodeResponse(fixture('response-listOwnNumbers.xml'))).toEqual({
      operation: 'listOwnNumbers',
      numbers: ['6403231', '6403232'],
      records: [],
      entries: [],
    });
  });

  it.each([
    'response-activateNotification.xml',
    'response-deactivateNotification.xml',
    'response-AddEntry.xml',
    'response-updateEntry.xml',
  ])('%s: an empty ServiceError (or empty code and message) is success', (name) => {
    expect(decodeResponse(fixture(name)).error).toBeUndefined();
  });

  it('deleteEntry: the document shows the request as the answer; no ServiceError means success', () => {
    expect(decodeResponse(fixture('response-deleteEntry.xml'))).toMatchObject({ operation: 'deleteEntry' });
    expect(decodeResponse(fixture('response-deleteEntry.xml')).error).toBeUndefined();
  });

  it('updateCallingLineNameIdentity ERR002', () => {
    expect(decodeResponse(fixture('response-updateCallingLineNameIdentity-ERR002.xml')).error).toEqual({
      code: 'ERR002',
      message: 'Missin Element: LastName',
    });
  });

  it('getCallHistory with the "CallDetaileRecord" spelling', () => {
    expect(decodeResponse(fixture('response-getCallHistory.xml')).records).toEqual([
      {
        id: '50762615',
        callingNumber: '6000001',
        calledNumber: '6401234',
        answered: true,
        direction: 'Terminating',
        startTime: '2011-11-29T12:19:18',
        otherPartyName: '# #',
        answerTime: '2011-11-29T12:19:21',
        releaseTime: '2011-11-29T12:19:36',
      },
      {
        id: '24297107',
        callingNumber: '60000002',
        calledNumber: '60000003',
        answered: false,
        direction: 'Terminating',
        startTime: '2011-10-31T09:30:07',
        otherPartyName: 'A Client',
      },
    ]);
  });

  it('getCallHistory with the first document\'s "CallDetailRecord" spelling and other prefixes', () => {
    const xml = fixture('response-getCallHistory.xml')
      .replaceAll('CallDetaileRecord', 'CallDetailRecord')
      .replaceAll('SOAP-ENV:', 'S:')
      .replace('xmlns:SOAP-ENV', 'xmlns:S');
    expect(decodeResponse(xml).records.map((r) => r.id)).toEqual(['50762615', '24297107']);
  });

  it('listPhoneBookEntries (second document)', () => {
    expect(decodeResponse(fixture('response-listPhoneBookEntries.xml')).entries).toEqual([
      { id: '1', displayName: 'Alice', phoneNumber1: '555111222' },
      { id: '2', displayName: 'Bob', phoneNumber1: '555111223', phoneNumber2: '6123455' },
    ]);
  });

  it('the first document\'s responses, with "xmlns:SOAP-" broken across lines, are not XML: a clear error', () => {
    expect(() =>
      decodeResponse(
        '<SOAP-ENV:Envelope xmlns:SOAP-\nENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body/></SOAP-ENV:Envelope>',
      ),
    ).toThrow(SoapCodecError);
  });

  it('garbage, HTML and DOCTYPEs are refused with a sentence', () => {
    expect(() => decodeResponse('<html><body>Bad gateway</body></html>')).toThrow(/not a SOAP envelope/);
    expect(() => decodeResponse('not xml at all <')).toThrow(/not well-formed|not a SOAP envelope/);
    expect(() => decodeResponse('<!DOCTYPE x [<!ENTITY a "b">]><Envelope><Body/></Envelope>')).toThrow(/DOCTYPE/);
  });

  it('a SOAP Fault is an error', () => {
    const xml = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Server</faultcode><faultstring>boom</faultstring></s:Fault></s:Body></s:Envelope>`;
    expect(decodeResponse(xml).error).toEqual({ code: 's:Server', message: 'boom' });
  });

  it("the demo PBX's answers read back the same", () => {
    const records = decodeResponse(fixture('response-getCallHistory.xml')).records;
    expect(decodeResponse(writeTeliaResponse('getCallHistory', { records })).records).toEqual(records);
    expect(decodeResponse(writeTeliaResponse('clickToCall', { error: { code: 'ERR1001', message: 'Dialing Error' } })).error).toEqual({
      code: 'ERR1001',
      message: 'Dialing Error',
    });
    expect(decodeResponse(writeTeliaResponse('AddEntry', {})).error).toBeUndefined();
  });
});

describe('notifications', () => {
  it("reads the document's example GET", () => {
    expect(decodeNotification(new URLSearchParams(fixture('notification-start.query').trim()))).toEqual({
      ok: true,
      notification: {
        ts: 1328150351,
        anr: '37262000001',
        bnr: '372620000002',
        fn: 'Turvateenistus Alfastar AS',
        type: 'Start',
        answered: false,
      },
    });
  });

  it('round-trips and refuses nonsense', () => {
    const n = { ts: 1700000000, anr: '3725123456', bnr: '3726403231', fn: 'Tiina Põld', type: 'Start', answered: true };
    expect(decodeNotification(new URLSearchParams(callEventQuery(n)))).toEqual({ ok: true, notification: n });
    expect(decodeNotification(new URLSearchParams('ts=x&bnr=1&type=Start&answer=No')).ok).toBe(false);
    expect(decodeNotification(new URLSearchParams('ts=1&bnr=1&anr=<script>&type=Start&answer=No')).ok).toBe(false);
    expect(decodeNotification(new URLSearchParams('ts=1&bnr=1&type=Start&answer=maybe')).ok).toBe(false);
  });
});

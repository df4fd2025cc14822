/**
 * The simulator's own reading of Telia's SOAP, on the documents' request and
 * response examples verbatim (kept with the connector's fixtures: files
 * read, no code shared).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { plainOf, readSoapRequest, readXmlDocument, SoapReadError, type XmlElement } from '../shared/soap-envelope';
import {
  callEventQuery,
  MissingElementError,
  PHONEBOOK_NS,
  readTeliaRequest,
  SERVICES_NS,
  UnknownOperationError,
  writeTeliaResponse,
  writeUnreadableRequest,
  type TeliaRequest,
} from './wire';

const FIXTURES = path.join(__dirname, '../../connectors/telia/fixtures');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const read = (xml: string) => readTeliaRequest(readSoapRequest(xml));

/** The response element of an answer (the Body's first element). */
function responseOf(xml: string): XmlElement {
  const envelope = readXmlDocument(xml);
  const body = envelope.children.find((c) => c.name === 'Body')!;
  return body.children[0];
}

describe("the simulator reads the documents' request examples", () => {
  const examples: [string, TeliaRequest, 'services' | 'phonebook'][] = [
    ['request-clickToCall.xml', { op: 'clickToCall', aNumber: '3726401234', bNumber: '6401235' }, 'services'],
    [
      'request-activateNotification.xml',
      { op: 'activateNotification', aNumber: '37264012345', targetUrl: 'http://excmpl.com/notify.php' },
      'services',
    ],
    ['request-deactivateNotification.xml', { op: 'deactivateNotification', aNumber: '37264012345' }, 'services'],
    ['request-listOwnNumbers.xml', { op: 'listOwnNumbers' }, 'services'],
    ['request-getCallHistory.xml', { op: 'getCallHistory', aNumber: '64012347' }, 'services'],
    [
      'request-AddEntry.xml',
      { op: 'AddEntry', entry: { displayName: 'Jhon', phoneNumber1: '55512345', phoneNumber2: '6012345' } },
      'phonebook',
    ],
    [
      'request-updateEntry.xml',
      { op: 'updateEntry', entry: { displayName: 'Jhon', phoneNumber1: '55112233', phoneNumber2: '6123456', id: '1' } },
      'phonebook',
    ],
    ['request-listPhoneBookEntries.xml', { op: 'listPhoneBookEntries' }, 'phonebook'],
  ];
  it.each(examples)('%s', (name, request, endpoint) => {
    expect(read(fixture(name))).toEqual({ request, endpoint });
  });

  it('the deleteEntry example uses the phon: prefix without declaring it: not well-formed, refused', () => {
    expect(() => read(fixture('request-deleteEntry.xml'))).toThrow(SoapReadError);
  });

  it('inputs must be in the operation namespace and nested as in the examples', () => {
    const wrapped = (inner: string) =>
      `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ser="${SERVICES_NS}"><soapenv:Header/>` +
      `<soapenv:Body><ser:clickToCall>${inner}</ser:clickToCall></soapenv:Body></soapenv:Envelope>`;
    // Flat, without the inner clickToCall: the wrapper is missing.
    expect(() => read(wrapped('<ser:Anumber>3726401234</ser:Anumber><ser:Bnumber>1</ser:Bnumber>'))).toThrow(MissingElementError);
    // Unqualified inputs are not Telia's inputs.
    expect(() => read(wrapped('<ser:clickToCall><Anumber>3726401234</Anumber><ser:Bnumber>1</ser:Bnumber></ser:clickToCall>'))).toThrow(
      'Missing Element: Anumber',
    );
    const missing = wrapped('<ser:clickToCall><ser:Anumber>3726401234</ser:Anumber><ser:Bnumber> </ser:Bnumber></ser:clickToCall>');
    expect(() => read(missing)).toThrow(new MissingElementError('clickToCall', 'Bnumber'));
  });

  it('an operation of the other endpoint namespace, or one Telia does not have, is unknown', () => {
    const body = (content: string, ns: string) =>
      `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="${ns}"><s:Body>${content}</s:Body></s:Envelope>`;
    expect(() => read(body('<t:listOwnNumbers/>', PHONEBOOK_NS))).toThrow(UnknownOperationError);
    expect(() => read(body('<t:getUser/>', SERVICES_NS))).toThrow(/unknown operation "getUser"/);
  });
});

describe("the simulator answers in the shape of the documents' response examples", () => {
  it('listOwnNumbers and listPhoneBookEntries: the same elements as the examples', () => {
    const own = responseOf(writeTeliaResponse('listOwnNumbers', { numbers: ['6403231', '6403232'] }));
    const ownExample = responseOf(fixture('response-listOwnNumbers.xml'));
    expect([own.name, own.ns]).toEqual(['listOwnNumbersResponse', SERVICES_NS]);
    expect(plainOf(own)).toEqual(plainOf(ownExample));

    const entries = [
      { id: '1', displayName: 'Alice', phoneNumber1: '555111222' },
      { id: '2', displayName: 'Bob', phoneNumber1: '555111223', phoneNumber2: '6123455' },
    ];
    const book = responseOf(writeTeliaResponse('listPhoneBookEntries', { entries }));
    expect([book.name, book.ns]).toEqual(['listPhoneBookEntriesResponse', PHONEBOOK_NS]);
    expect(plainOf(book)).toEqual(plainOf(responseOf(fixture('response-listPhoneBookEntries.xml'))));
  });

  it('a ServiceError as in the ERR002 example; success as an empty ServiceError', () => {
    const refused = responseOf(
      writeTeliaResponse('updateCallingLineNameIdentity', { error: { code: 'ERR002', message: 'Missin Element: LastName' } }),
    );
    expect(plainOf(refused)).toEqual(plainOf(responseOf(fixture('response-updateCallingLineNameIdentity-ERR002.xml'))));
    expect(plainOf(responseOf(writeTeliaResponse('AddEntry', {})))).toEqual(plainOf(responseOf(fixture('response-AddEntry.xml'))));
  });

  it('an unreadable request: the ServiceError directly in the Body (example 2)', () => {
    const error = responseOf(writeUnreadableRequest('Mismatched tag'));
    expect(error.name).toBe('ServiceError');
    expect(plainOf(error)).toMatchObject({ ErrorCode: 'SOAP-ENV:Client', ErrorMessage: 'error in msg parsing: Mismatched tag' });
  });

  it("a call event as the document's example GET", () => {
    const query = callEventQuery({
      ts: 1328150351,
      anr: '37262000001',
      bnr: '372620000002',
      fn: 'Turvateenistus Alfastar AS',
      type: 'Start',
      answered: false,
    });
    expect(query).toBe('ts=1328150351&anr=37262000001&bnr=372620000002&fn=Turvateenistus+Alfastar+AS&type=Start&answer=No');
  });
});

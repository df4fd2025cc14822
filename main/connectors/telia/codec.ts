/**
 * Telia Smart calls SOAP ↔ typed messages. Requests are nested exactly as
 * the document's request examples nest them (fixtures/); answers are read
 * tolerantly: namespace prefixes vary, `CallDetailRecord` and
 * `CallDetaileRecord` both occur, an empty or absent ServiceError means
 * success, and a ServiceError directly in the Body (the document's example 2)
 * or a SOAP Fault is an error. Only the console's side: the demo PBX reads
 * and writes Telia's SOAP on its own (main/sim/telia/wire.ts), so the two
 * cannot agree on a mistake.
 */
import { usernameTokenHeader, type UsernameToken } from '../shared/ws-security';
import { child, escapeXml, readXml, XmlReadError, type XmlNode } from '../shared/xml';
import type { CallDetailRecord, PhoneBookEntry, ServiceError, TeliaNotification, TeliaRequest, TeliaResponse } from './messages';
import { ENDPOINT_OF } from './messages';

/** A document that is not a usable Telia SOAP message. */
export class SoapCodecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SoapCodecError';
  }
}

export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SERVICES_NS = 'http://teenused.telia.ee/external/services/';
export const PHONEBOOK_NS = 'http://teenused.telia.ee/external/phonebook/';

// ---------------------------------------------------------------------------
// Requests

/** The SOAP request for `request`; with a token, the WS-Security header carries the credentials. */
export function encodeRequest(request: TeliaRequest, token?: UsernameToken): string {
  const phonebook = ENDPOINT_OF[request.op] === 'phonebook';
  const [prefix, ns] = phonebook ? ['phon', PHONEBOOK_NS] : ['ser', SERVICES_NS];
  const el = (name: string, content = '') =>
    content === '' ? `<${prefix}:${name}/>` : `<${prefix}:${name}>${content}</${prefix}:${name}>`;
  const text = (name: string, value: string) => `<${prefix}:${name}>${escapeXml(value)}</${prefix}:${name}>`;
  const header = token ? `<soapenv:Header>${usernameTokenHeader(token, 'soapenv')}</soapenv:Header>` : '<soapenv:Header/>';
  return (
    `<soapenv:Envelope xmlns:soapenv="${SOAP_ENV_NS}" xmlns:${prefix}="${ns}">` +
    header +
    `<soapenv:Body>${encodeOperation(request, el, text)}</soapenv:Body>` +
    `</soapenv:Envelope>`
  );
}

type El = (name: string, content?: string) => string;
type Text = (name: string, value: string) => string;

function encodeOperation(request: TeliaRequest, el: El, text: Text): string {
  switch (request.op) {
    case 'clickToCall':
      return el('clickToCall', el('clickToCall', text('Anumber', request.aNumber) + text('Bnumber', request.bNumber)));
    case 'activateNotification':
      return el('activateNotification', el('activate', text('Anumber', request.aNumber) + text('TargetURL', request.targetUrl)));
    case 'deactivateNotification':
      return el('deactivateNotification', el('Anumber', text('Anumber', request.aNumber)));
    case 'listOwnNumbers':
      return el('listOwnNumbers');
    case 'updateCallingLineNameIdentity':
      // The documents give no request example; nested like clickToCall (operation, then its input type).
      return el(
        'updateCallingLineNameIdentity',
        el(
          'updateCallingLineNameIdentity',
          text('Anumber', request.aNumber) + text('FirstName', request.firstName) + text('LastName', request.lastName),
        ),
      );
    case 'getCallHistory':
      return el('getCallHistory', el('Anumber', text('Anumber', request.aNumber)));
    case 'AddEntry':
      return el('AddEntry', el('PhoneBookEntry', entryFields(request.entry, text)));
    case 'updateEntry':
      return el('updateEntry', el('PhoneBookEntry', entryFields(request.entry, text) + text('id', request.entry.id)));
    case 'deleteEntry':
      return el('deleteEntry', el('PhoneBookEntry', text('id', request.id)));
    case 'listPhoneBookEntries':
      return el('listPhoneBookEntries');
  }
}

function entryFields(entry: { displayName: string; phoneNumber1: string; phoneNumber2?: string }, text: Text): string {
  return (
    text('DisplayName', entry.displayName) +
    text('PhoneNumber1', entry.phoneNumber1) +
    (entry.phoneNumber2 ? text('PhoneNumber2', entry.phoneNumber2) : '')
  );
}

// ---------------------------------------------------------------------------
// Responses

/** Reads an answer. Throws SoapCodecError when it is not a SOAP envelope. */
export function decodeResponse(xml: string): TeliaResponse {
  const { body } = parseEnvelope(xml, "Telia's answer");
  const response: TeliaResponse = { operation: '', numbers: [], records: [], entries: [] };
  const fault = child(body, 'Fault');
  if (fault !== undefined) {
    response.error = { code: textOf(child(fault, 'faultcode')) || 'Fault', message: textOf(child(fault, 'faultstring')) };
    return response;
  }
  const responseName = elementNames(body).find((name) => name !== 'ServiceError');
  const content = responseName ? child(body, responseName) : undefined;
  if (responseName) response.operation = responseName.replace(/Response$/, '');
  const error = serviceError(child(body, 'ServiceError') ?? child(content, 'ServiceError'));
  if (error) response.error = error;
  response.numbers = itemsOf(content, ['listofNumbers'], ['Number']).flatMap((item) => {
    const number = textOf(child(item, 'Number') ?? item).trim();
    return number ? [number] : [];
  });
  response.records = itemsOf(
    content,
    ['listofCallDetailRecord', 'listofCallDetaileRecord'],
    ['CallDetailRecord', 'CallDetaileRecord'],
  ).flatMap((item) => {
    const record = callDetailRecord(item);
    return record ? [record] : [];
  });
  response.entries = itemsOf(content, ['listofPhoneBookEntries'], ['PhoneBookEntry']).flatMap((item) => {
    const entry = phoneBookEntry(item);
    return entry ? [entry] : [];
  });
  return response;
}

/** Empty, absent, or with empty ErrorCode and ErrorMessage: success (the document says so). */
function serviceError(node: XmlNode | undefined): ServiceError | undefined {
  if (node === undefined) return undefined;
  const code = textOf(child(node, 'ErrorCode')).trim();
  const message = textOf(child(node, 'ErrorMessage')).trim();
  if (!code && !message) return undefined;
  const description = textOf(child(node, 'ErrorDescription')).trim();
  return { code, message, ...(description ? { description } : {}) };
}

/** `<list><item><Record>…` — each item's record element (or the item itself when it has none). */
function itemsOf(content: XmlNode | undefined, listNames: string[], recordNames: string[]): XmlNode[] {
  const list = listNames.map((name) => findDeep(content, name)).find((node) => node !== undefined);
  return childrenOf(list, 'item').map((item) => recordNames.map((name) => child(item, name)).find((node) => node !== undefined) ?? item);
}

/** A record without id or start time cannot be placed in history: it is left out. */
function callDetailRecord(node: XmlNode): CallDetailRecord | undefined {
  const field = (name: string) => textOf(child(node, name)).trim();
  const id = field('id');
  const startTime = field('StartTime');
  if (!id || !startTime) return undefined;
  const record: CallDetailRecord = {
    id,
    callingNumber: field('CallingNumber'),
    calledNumber: field('CalledNumber'),
    answered: /^yes$/i.test(field('AnswerIndic')),
    direction: /^orig/i.test(field('Direction')) ? 'Originating' : 'Terminating',
    startTime,
  };
  const optionalFields = { answerTime: field('AnswerTime'), releaseTime: field('ReleaseTime'), otherPartyName: field('OtherPartyName') };
  for (const [key, value] of Object.entries(optionalFields)) if (value) (record as unknown as Record<string, string>)[key] = value;
  return record;
}

function phoneBookEntry(node: XmlNode): PhoneBookEntry | undefined {
  const field = (name: string) => textOf(child(node, name)).trim();
  const id = field('id');
  const phoneNumber1 = field('PhoneNumber1');
  if (!id || !phoneNumber1) return undefined;
  const phoneNumber2 = field('PhoneNumber2');
  return { id, displayName: field('DisplayName'), phoneNumber1, ...(phoneNumber2 ? { phoneNumber2 } : {}) };
}

// ---------------------------------------------------------------------------
// Notifications (HTTP GET query)

const DIGITS = /^\+?[0-9]{1,20}$/;

/** Reads a notification's query string; a clear sentence when it is not one. */
export function decodeNotification(query: URLSearchParams): { ok: true; notification: TeliaNotification } | { ok: false; error: string } {
  const get = (name: string) => (query.get(name) ?? '').trim();
  const ts = get('ts');
  if (!/^[0-9]{1,12}$/.test(ts)) return { ok: false, error: 'ts is not a unix timestamp' };
  const anr = get('anr');
  if (anr && !DIGITS.test(anr)) return { ok: false, error: 'anr is not a phone number' };
  const bnr = get('bnr');
  if (!DIGITS.test(bnr)) return { ok: false, error: 'bnr is not a phone number' };
  const type = get('type');
  if (!/^[A-Za-z]{1,32}$/.test(type)) return { ok: false, error: 'type is missing' };
  const answer = get('answer');
  if (!/^(yes|no)$/i.test(answer)) return { ok: false, error: 'answer is not yes or no' };
  const fn = get('fn').slice(0, 128);
  return { ok: true, notification: { ts: Number(ts), anr, bnr, fn, type, answered: /^yes$/i.test(answer) } };
}

// ---------------------------------------------------------------------------
// Reading parsed documents (shared/xml-reader: local names, prefixes dropped)

function parseEnvelope(xml: string, what: string): { header?: XmlNode; body: XmlNode } {
  let root: XmlNode;
  try {
    root = readXml(xml, what);
  } catch (error) {
    if (error instanceof XmlReadError) throw new SoapCodecError(error.message);
    throw error;
  }
  if (root.name !== 'Envelope') throw new SoapCodecError(`${what} is not a SOAP envelope`);
  const body = child(root, 'Body');
  if (!body) throw new SoapCodecError(`${what} has no SOAP Body`);
  return { header: child(root, 'Header'), body };
}

function elementNames(node: XmlNode | undefined): string[] {
  return node ? node.children.map((c) => c.name) : [];
}

function childrenOf(node: XmlNode | undefined, name: string): XmlNode[] {
  return node ? node.children.filter((c) => c.name === name) : [];
}

function textOf(node: XmlNode | undefined): string {
  return node?.text ?? '';
}

/** The first element with this name anywhere below `node` (depth first, document order). */
function findDeep(node: XmlNode | undefined, name: string): XmlNode | undefined {
  if (!node) return undefined;
  for (const c of node.children) {
    if (c.name === name) return c;
    const found = findDeep(c, name);
    if (found) return found;
  }
  return undefined;
}

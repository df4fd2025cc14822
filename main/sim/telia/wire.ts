/**
 * The simulator's own reading of Telia Smart calls' SOAP (the Telia
 * documents, section 6 "Usage Examples"): what each request carries, as the
 * request examples nest it, and the answers in the shape of the response
 * examples. Built on the simulators' generic envelope reader/writer
 * (../shared/soap-envelope); never on the connector's codec, so the two
 * cannot agree on a mistake.
 *
 * - The operation is the Body's first element, in the endpoint's namespace
 *   (services or phonebook); its inputs are elements of the same namespace,
 *   nested as in the examples: clickToCall/clickToCall/{Anumber, Bnumber},
 *   activateNotification/activate/{Anumber, TargetURL},
 *   deactivateNotification/Anumber/Anumber, getCallHistory/Anumber/Anumber,
 *   AddEntry | updateEntry | deleteEntry / PhoneBookEntry / {DisplayName,
 *   PhoneNumber1, PhoneNumber2, id}. updateCallingLineNameIdentity has no
 *   request example; its inputs (Anumber, FirstName, LastName) are read
 *   inside a wrapper of the operation's name, as clickToCall has one.
 * - A missing input is ERR002 "Missing Element: <name>" (the document's
 *   updateCallingLineNameIdentity response); what is not a request of these
 *   endpoints is the document's example 2, a ServiceError directly in the Body.
 */
import { el, writeSoapEnvelope, XSD_NS, XSI_NS, type SoapRequest, type XmlElement, type XmlOut } from '../shared/soap-envelope';

export const SERVICES_NS = 'http://teenused.telia.ee/external/services/';
export const PHONEBOOK_NS = 'http://teenused.telia.ee/external/phonebook/';

export type Endpoint = 'services' | 'phonebook';

export interface PhoneBookEntry {
  id: string;
  displayName: string;
  phoneNumber1: string;
  phoneNumber2?: string;
}

export type PhoneBookEntryFields = Omit<PhoneBookEntry, 'id'>;

/** CallDetailRecord of getCallHistory (the complete example spells it CallDetaileRecord). */
export interface CallDetailRecord {
  id: string;
  callingNumber: string;
  calledNumber: string;
  answered: boolean;
  direction: 'Terminating' | 'Originating';
  /** Local time without a zone, as Telia writes it: 2011-11-29T12:19:18. */
  startTime: string;
  answerTime?: string;
  releaseTime?: string;
  otherPartyName?: string;
}

export interface ServiceError {
  code: string;
  message: string;
  description?: string;
}

/** An incoming / missed call event, sent as the GET parameters ts, anr, bnr, fn, type, answer. */
export interface CallEvent {
  ts: number;
  anr: string;
  bnr: string;
  fn: string;
  type: string;
  answered: boolean;
}

export type TeliaRequest =
  | { op: 'clickToCall'; aNumber: string; bNumber: string }
  | { op: 'activateNotification'; aNumber: string; targetUrl: string }
  | { op: 'deactivateNotification'; aNumber: string }
  | { op: 'listOwnNumbers' }
  | { op: 'updateCallingLineNameIdentity'; aNumber: string; firstName: string; lastName: string }
  | { op: 'getCallHistory'; aNumber: string }
  | { op: 'AddEntry'; entry: PhoneBookEntryFields }
  | { op: 'updateEntry'; entry: PhoneBookEntry }
  | { op: 'deleteEntry'; id: string }
  | { op: 'listPhoneBookEntries' };

export type TeliaOperation = TeliaRequest['op'];

/** Which endpoint serves each operation (section 4.1.6.1 services, 4.1.6.2 phonebook). */
export const ENDPOINT_OF: Readonly<Record<TeliaOperation, Endpoint>> = {
  clickToCall: 'services',
  activateNotification: 'services',
  deactivateNotification: 'services',
  listOwnNumbers: 'services',
  updateCallingLineNameIdentity: 'services',
  getCallHistory: 'services',
  AddEntry: 'phonebook',
  updateEntry: 'phonebook',
  deleteEntry: 'phonebook',
  listPhoneBookEntries: 'phonebook',
};

const NAMESPACE_OF: Readonly<Record<Endpoint, string>> = { services: SERVICES_NS, phonebook: PHONEBOOK_NS };

/** A request without a mandatory input: Telia answers ERR002. */
export class MissingElementError extends Error {
  constructor(
    readonly op: TeliaOperation,
    readonly element: string,
  ) {
    super(`Missing Element: ${element}`);
    this.name = 'MissingElementError';
  }
}

/** The Body holds no operation of Telia's endpoints. */
export class UnknownOperationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownOperationError';
  }
}

function isOperation(name: string): name is TeliaOperation {
  return Object.hasOwn(ENDPOINT_OF, name);
}

/** The Telia request a SOAP request carries. Throws MissingElementError or UnknownOperationError. */
export function readTeliaRequest(soap: SoapRequest): { request: TeliaRequest; endpoint: Endpoint } {
  const op = soap.operation;
  if (!isOperation(op)) throw new UnknownOperationError(`unknown operation "${op.slice(0, 64)}"`);
  const endpoint = ENDPOINT_OF[op];
  const ns = NAMESPACE_OF[endpoint];
  if (soap.namespace !== ns) throw new UnknownOperationError(`${op} is not in the namespace ${ns}`);
  const input = (parent: XmlElement | undefined, name: string): XmlElement | undefined =>
    parent?.children.find((c) => c.name === name && c.ns === ns);
  const value = (parent: XmlElement | undefined, name: string): string | undefined => {
    const text = input(parent, name)?.text.trim();
    return text ? text : undefined;
  };
  const need = (parent: XmlElement | undefined, name: string): string => {
    const text = value(parent, name);
    if (text === undefined) throw new MissingElementError(op, name);
    return text;
  };
  const body = soap.body;
  /** The wrapper the examples put the inputs in (clickToCall/clickToCall, activateNotification/activate …). */
  const wrapper = (name: string): XmlElement => {
    const found = input(body, name);
    if (!found) throw new MissingElementError(op, name);
    return found;
  };
  const entryFields = (entry: XmlElement): PhoneBookEntryFields => {
    const phoneNumber2 = value(entry, 'PhoneNumber2');
    return {
      displayName: need(entry, 'DisplayName'),
      phoneNumber1: need(entry, 'PhoneNumber1'),
      ...(phoneNumber2 ? { phoneNumber2 } : {}),
    };
  };
  const request = ((): TeliaRequest => {
    switch (op) {
      case 'clickToCall': {
        const call = wrapper('clickToCall');
        return { op, aNumber: need(call, 'Anumber'), bNumber: need(call, 'Bnumber') };
      }
      case 'activateNotification': {
        const activate = wrapper('activate');
        return { op, aNumber: need(activate, 'Anumber'), targetUrl: need(activate, 'TargetURL') };
      }
      case 'deactivateNotification':
      case 'getCallHistory':
        return { op, aNumber: need(wrapper('Anumber'), 'Anumber') };
      case 'updateCallingLineNameIdentity': {
        const identity = wrapper('updateCallingLineNameIdentity');
        return { op, aNumber: need(identity, 'Anumber'), firstName: need(identity, 'FirstName'), lastName: need(identity, 'LastName') };
      }
      case 'AddEntry':
        return { op, entry: entryFields(wrapper('PhoneBookEntry')) };
      case 'updateEntry': {
        const entry = wrapper('PhoneBookEntry');
        return { op, entry: { ...entryFields(entry), id: need(entry, 'id') } };
      }
      case 'deleteEntry':
        return { op, id: need(wrapper('PhoneBookEntry'), 'id') };
      case 'listOwnNumbers':
      case 'listPhoneBookEntries':
        return { op };
    }
  })();
  return { request, endpoint };
}

/** What a successful answer carries (or the ServiceError of a refused one). */
export type TeliaAnswer =
  { error: ServiceError } | { numbers: string[] } | { records: CallDetailRecord[] } | { entries: PhoneBookEntry[] } | Record<string, never>;

/** The answer, as the response examples write it: `<opResponse xmlns="endpoint namespace">…`. */
export function writeTeliaResponse(op: TeliaOperation, answer: TeliaAnswer): string {
  const field = (name: string, value: string | undefined): XmlOut[] => (value ? [el(name, {}, value)] : []);
  let content: XmlOut[];
  if ('error' in answer) content = [serviceErrorElement(answer.error)];
  else if ('numbers' in answer)
    content = [
      el(
        'listofNumbers',
        {},
        answer.numbers.map((n) => el('item', {}, [el('Number', {}, n)])),
      ),
    ];
  else if ('records' in answer)
    content = [
      el(
        'listofCallDetaileRecord',
        {},
        answer.records.map((r) =>
          el('item', {}, [
            el('CallDetaileRecord', {}, [
              ...field('id', r.id),
              ...field('CallingNumber', r.callingNumber),
              ...field('CalledNumber', r.calledNumber),
              el('AnswerIndic', {}, r.answered ? 'Yes' : 'No'),
              el('Direction', {}, r.direction),
              ...field('StartTime', r.startTime),
              ...field('OtherPartyName', r.otherPartyName),
              ...field('AnswerTime', r.answerTime),
              ...field('ReleaseTime', r.releaseTime),
            ]),
          ]),
        ),
      ),
    ];
  else if ('entries' in answer)
    content = [
      el(
        'listofPhoneBookEntries',
        {},
        answer.entries.map((e) =>
          el('item', {}, [
            el('PhoneBookEntry', {}, [
              ...field('id', e.id),
              ...field('DisplayName', e.displayName),
              ...field('PhoneNumber1', e.phoneNumber1),
              ...field('PhoneNumber2', e.phoneNumber2),
            ]),
          ]),
        ),
      ),
    ];
  // An empty ServiceError: success (section 5.1.6).
  else content = [el('ServiceError')];
  return writeSoapEnvelope({
    namespaces: { xsd: XSD_NS, xsi: XSI_NS },
    body: [el(`${op}Response`, { xmlns: NAMESPACE_OF[ENDPOINT_OF[op]] }, content)],
  });
}

/** The document's example 2: a request that could not be read, answered with a ServiceError directly in the Body. */
export function writeUnreadableRequest(reason: string): string {
  const message = `error in msg parsing: ${reason}`;
  return writeSoapEnvelope({
    namespaces: { xsd: XSD_NS, xsi: XSI_NS },
    body: [serviceErrorElement({ code: 'SOAP-ENV:Client', message, description: message })],
  });
}

function serviceErrorElement(error: ServiceError): XmlOut {
  return el('ServiceError', {}, [
    el('ErrorCode', {}, error.code),
    el('ErrorMessage', {}, error.message),
    el('ErrorDescription', {}, error.description ?? ''),
  ]);
}

/** The GET query of a call event (section 4.1.6.1.2: ts, anr, bnr, fn, type, answer). */
export function callEventQuery(event: CallEvent): string {
  return new URLSearchParams({
    ts: String(event.ts),
    anr: event.anr,
    bnr: event.bnr,
    fn: event.fn,
    type: event.type,
    answer: event.answered ? 'Yes' : 'No',
  }).toString();
}

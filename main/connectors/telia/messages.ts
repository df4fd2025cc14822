/**
 * Telia Business Phone "Smart calls" (services and phonebook SOAP 1.1
 * endpoints) as types: every request the console sends, what the answers
 * carry, and the notification a Telia server sends as an HTTP GET.
 */

/** Which of Telia's two SOAP endpoints serves an operation. */
export type TeliaEndpoint = 'services' | 'phonebook';

export type TeliaRequest =
  /** Rings `aNumber` (an own number, E.164 without '+') first, then `bNumber`. */
  | { op: 'clickToCall'; aNumber: string; bNumber: string }
  | { op: 'activateNotification'; aNumber: string; targetUrl: string }
  | { op: 'deactivateNotification'; aNumber: string }
  | { op: 'listOwnNumbers' }
  | { op: 'updateCallingLineNameIdentity'; aNumber: string; firstName: string; lastName: string }
  /** The last 31 days of calls of one own number. */
  | { op: 'getCallHistory'; aNumber: string }
  | { op: 'AddEntry'; entry: PhoneBookEntryFields }
  | { op: 'updateEntry'; entry: PhoneBookEntryFields & { id: string } }
  | { op: 'deleteEntry'; id: string }
  | { op: 'listPhoneBookEntries' };

export type TeliaOperation = TeliaRequest['op'];

export const ENDPOINT_OF: Record<TeliaOperation, TeliaEndpoint> = {
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

export interface PhoneBookEntryFields {
  displayName: string;
  phoneNumber1: string;
  phoneNumber2?: string;
}

export interface PhoneBookEntry extends PhoneBookEntryFields {
  id: string;
}

/** One record of getCallHistory (`CallDetailRecord`, also spelled `CallDetaileRecord`). */
export interface CallDetailRecord {
  id: string;
  callingNumber: string;
  calledNumber: string;
  answered: boolean;
  /** Terminating: a call to the own number; Originating: a call from it. */
  direction: 'Terminating' | 'Originating';
  /** As Telia writes them: local time without a zone, e.g. 2011-11-29T12:19:18. */
  startTime: string;
  answerTime?: string;
  releaseTime?: string;
  otherPartyName?: string;
}

/** Telia's ServiceError: present and non-empty means the operation failed. */
export interface ServiceError {
  code: string;
  message: string;
  description?: string;
}

/** What an answer carries, by operation; `error` is set when Telia refused. */
export interface TeliaResponse {
  /** The response element's name without "Response" (e.g. 'listOwnNumbers'), '' when the body held only a ServiceError. */
  operation: string;
  error?: ServiceError;
  numbers: string[];
  records: CallDetailRecord[];
  entries: PhoneBookEntry[];
}

/** The GET parameters of an incoming/missed call notification. */
export interface TeliaNotification {
  /** Unix seconds. */
  ts: number;
  /** Calling party's number. */
  anr: string;
  /** Called party's number (the own number). */
  bnr: string;
  /** Calling party's name ('' when unknown). */
  fn: string;
  /** Event type as Telia sends it, e.g. 'Start'. */
  type: string;
  answered: boolean;
}

/**
 * Failures the receptionist may see carry a catalog message, never an
 * English sentence: ConsoleError. Every other error (a bug, a Node system
 * error that escaped a client) is put into one message here, so there is
 * exactly one way an error becomes words.
 */
import { isMessage, msg, type Message } from '../../app/i18n/message';
import { createTranslator } from '../../app/i18n/translator';
import { cleanPeerText } from '../../app/peer-text';
import { messageSchema } from '../../app/validation/message-schema';
import { SchemaError, v } from '../../app/validation/schema';

export class ConsoleError extends Error {
  constructor(
    readonly text: Message,
    options?: { cause?: unknown; code?: string },
  ) {
    super(english(text), options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ConsoleError';
    this.code = options?.code;
  }

  /** A vendor's own error code (TelServer `noCall`, Telia `ERR001`), when there is one. */
  readonly code: string | undefined;
}

/**
 * Something that cannot happen unless the console's own code is wrong (an
 * invariant broken): said in English for the log, never meant for a
 * receptionist. Anything a person may cause or see is a ConsoleError.
 */
export class InvariantError extends Error {
  constructor(what: string) {
    super(what);
    this.name = 'InvariantError';
  }
}

/** The message an error says to the receptionist. */
export function errorMessage(error: unknown): Message {
  if (error instanceof ConsoleError) return error.text;
  if (error instanceof SchemaError) return error.problems[0]?.message ?? msg('validation.invalid');
  if (isMessage(error)) return error;
  return msg('error.unexpected', { detail: unexpectedDetail(error instanceof Error ? error.message : String(error)) });
}

/** How much of an unexpected error's text a refusal carries: one line, well within what a page accepts of a parameter. */
const MAX_UNEXPECTED_DETAIL = 500;

function unexpectedDetail(text: string): string {
  return cleanPeerText(text, MAX_UNEXPECTED_DETAIL);
}

/**
 * The refusal a bridge sends for an error: its Message when the page can read it (the contract's messageSchema),
 * else the unexpected-error Message with that Message's English words as the detail. A refusal the page could not
 * read was dropped there, and the request it answered never ended.
 */
export function refusalOf(error: unknown): Message {
  const message = errorMessage(error);
  if (v.is(messageSchema, message)) return message;
  return msg('error.unexpected', { detail: unexpectedDetail(english(message)) });
}

/** Logs are for administrators: in English, whatever language the receptionist reads. */
export const english = createTranslator('en');

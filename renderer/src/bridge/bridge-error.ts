/**
 * A request that got no answer from the core (the bridge was down, or went
 * down before the reply): it says why in the catalog's words, like every
 * refusal the core sends.
 */
import { isMessage, msg, type Message } from '../../../app/i18n/message';

export class BridgeRequestError extends Error {
  constructor(readonly text: Message) {
    super(text.key);
    this.name = 'BridgeRequestError';
  }
}

/** What a failed request says to the receptionist. */
export function messageOfError(error: unknown): Message {
  if (error instanceof BridgeRequestError) return error.text;
  if (isMessage(error)) return error;
  return msg('error.unexpected', { detail: error instanceof Error ? error.message : String(error) });
}

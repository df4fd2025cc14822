/**
 * The one place where a request from the renderer reaches the core, shared
 * by the WebSocket bridge (browser mode) and the Electron IPC bridge: both
 * validate and dispatch exactly the same way. Subscriptions are not handled
 * here because each bridge pushes state over its own channel.
 */
import type { Command } from '../../app/commands';
import { validateRequest, type DirectoryQuery, type RequestMethod } from '../../app/contract';
import { ValidationError } from '../../app/validate';
import type { ConsoleService } from '../core/console-service';

/** The service methods a request may reach (lets tests pass a spy). */
export type RequestTarget = Pick<ConsoleService, 'execute' | 'searchDirectory' | 'reconnect'>;

/** Turns a contract violation into the message sent back to the renderer. */
export function invalidRequestError(error: ValidationError): Error {
  return new Error(`Invalid request: ${error.message}`);
}

/**
 * Validates `params` for `method` and runs it on the service. Rejects with
 * `Invalid request: <path>: expected …` when the payload breaks the contract,
 * before the service is touched.
 */
export async function handleRequest(service: RequestTarget, method: RequestMethod, params: unknown): Promise<unknown> {
  let valid: unknown;
  try {
    // validateRequest returns undefined for a made-up method; the switch below refuses it.
    valid = validateRequest(method, params);
  } catch (error) {
    if (error instanceof ValidationError) throw invalidRequestError(error);
    throw error;
  }
  switch (method) {
    case 'execute':
      return service.execute(valid as Command);
    case 'searchDirectory':
      return service.searchDirectory(valid as DirectoryQuery);
    case 'reconnect':
      return service.reconnect(valid as string);
    case 'subscribe':
      throw new Error('subscribe is handled by the bridge, not by handleRequest');
    default:
      // Only reachable when an untyped caller passes a made-up method name.
      throw new Error(`Invalid request: method: expected execute, searchDirectory or reconnect`);
  }
}

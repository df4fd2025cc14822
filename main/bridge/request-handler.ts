/**
 * The one place where a request from the renderer reaches the core, shared
 * by the WebSocket bridge (browser mode) and the Electron IPC bridge: both
 * validate and dispatch exactly the same way. Subscriptions are not handled
 * here because each bridge pushes state over its own channel.
 */
import type { Command } from '../../app/commands';
import {
  validateRequest,
  type ConnectionSubmission,
  type DirectoryQuery,
  type GeneralSettings,
  type RequestMethod,
} from '../../app/contract';
import { ValidationError } from '../../app/validate';
import type { ConsoleService } from '../core/console-service';
import type { SettingsService } from '../core/settings-service';

/** The service methods a request may reach (lets tests pass a spy). */
export type RequestTarget = Pick<ConsoleService, 'execute' | 'searchDirectory' | 'reconnect'>;

/** The settings methods a request may reach; a bridge without them answers that settings cannot be changed here. */
export type SettingsTarget = Pick<SettingsService, 'view' | 'saveConnection' | 'removeConnection' | 'testConnection' | 'savePreferences'>;

export const NO_SETTINGS_ERROR = 'Settings cannot be changed in this console.';

/** Turns a contract violation into the message sent back to the renderer. */
export function invalidRequestError(error: ValidationError): Error {
  return new Error(`Invalid request: ${error.message}`);
}

/**
 * Validates `params` for `method` and runs it on the service. Rejects with
 * `Invalid request: <path>: expected …` when the payload breaks the contract,
 * before the service is touched.
 */
export async function handleRequest(
  service: RequestTarget,
  method: RequestMethod,
  params: unknown,
  settings?: SettingsTarget,
): Promise<unknown> {
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
    case 'showCall':
    case 'lookUpInCrm':
      throw new Error(`${method} is handled by the desktop shell, not by handleRequest`);
    case 'getSettings':
      return withSettings(settings).view();
    case 'saveConnection':
      return withSettings(settings).saveConnection(valid as ConnectionSubmission);
    case 'removeConnection':
      return withSettings(settings).removeConnection(valid as string);
    case 'testConnection':
      return withSettings(settings).testConnection(valid as ConnectionSubmission);
    case 'savePreferences':
      return withSettings(settings).savePreferences(valid as GeneralSettings);
    default:
      // Only reachable when an untyped caller passes a made-up method name.
      throw new Error(`Invalid request: method: expected one of the contract's methods`);
  }
}

function withSettings(settings: SettingsTarget | undefined): SettingsTarget {
  if (!settings) throw new Error(NO_SETTINGS_ERROR);
  return settings;
}

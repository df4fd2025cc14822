/**
 * Why the app cannot start, for the error box the receptionist (or the
 * administrator at their desk) sees: a configuration file's problems one per
 * line with the file and the setting they are in, anything else as the one
 * message errorMessage() makes of it; all in the receptionist's language.
 */
import { ConfigError } from '../../app/config';
import { msg } from '../../app/i18n/message';
import type { Translator } from '../../app/i18n/translator';
import { errorMessage } from '../core/errors';

export function startFailure(error: unknown, t: Translator): { title: string; text: string } {
  const title = t(msg('desktop.cannotStart', { app: msg('app.title') }));
  if (error instanceof ConfigError) {
    const lines = error.problems.map((p) => `${error.source}: ${p.path ? `${p.path}: ` : ''}${t(p.message)}`);
    return { title, text: lines.join('\n') };
  }
  return { title, text: t(errorMessage(error)) };
}

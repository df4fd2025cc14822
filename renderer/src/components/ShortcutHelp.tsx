import { Fragment } from 'react';
import type { MessageKey } from '../../../app/i18n/message';
import { chordLabel, KEY_COMMANDS, type KeyCommand } from '../../../app/keymap';
import { useT } from '../i18n/language';
import { useAttendant } from '../store/context';
import { selectKeyBindings } from '../store/selectors';

/** Each key command's words (the Settings key list uses them too). */
export const KEY_COMMAND_TEXT: Record<KeyCommand, MessageKey> = {
  answerNext: 'work.command.answerNext',
  holdOrRetrieve: 'work.command.holdOrRetrieve',
  hangUp: 'work.command.hangUp',
  finder: 'work.command.finder',
  transfer: 'work.command.transfer',
  consult: 'work.command.consult',
  completeTransfer: 'work.command.completeTransfer',
  conference: 'work.command.conference',
  alternate: 'work.command.alternate',
  reconnect: 'work.command.reconnect',
  divert: 'work.command.divert',
  addParty: 'work.command.addParty',
  park: 'work.command.park',
  unpark: 'work.command.unpark',
  journal: 'work.command.journal',
  agentReady: 'queues.command.agentReady',
  takeQueued: 'queues.command.take',
};

/** The keys as they are set now, on screen on demand, so nobody has to remember them. */
export function ShortcutHelp() {
  const keys = useAttendant(selectKeyBindings);
  const t = useT();
  return (
    <details className="panel shortcuts" aria-labelledby="shortcuts-heading">
      <summary>
        <h2 id="shortcuts-heading">{t('shortcut.heading')}</h2>
      </summary>
      <dl>
        {KEY_COMMANDS.filter((command) => keys[command].length > 0).map((command) => (
          <Fragment key={command}>
            <dt>
              {keys[command].map((chord) => (
                <kbd key={chord}>{chordLabel(chord)}</kbd>
              ))}
            </dt>
            <dd>{t(KEY_COMMAND_TEXT[command])}</dd>
          </Fragment>
        ))}
      </dl>
      <p className="muted">{t('work.keys.rowKeys')}</p>
      <p className="muted">{t('work.keys.finderKeys')}</p>
    </details>
  );
}

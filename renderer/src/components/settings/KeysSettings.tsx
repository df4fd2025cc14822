import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Message } from '../../../../app/i18n/message';
import { msg } from '../../../../app/i18n/message';
import {
  chordLabel,
  chordOfEvent,
  chordProblem,
  commandOfChord,
  DEFAULT_KEYS,
  KEY_COMMANDS,
  type KeyBindings,
  type KeyCommand,
} from '../../../../app/keymap';
import { useMessageText, useT } from '../../i18n/language';
import { useActions, useAttendant } from '../../store/context';
import { KEY_COMMAND_TEXT } from '../ShortcutHelp';

/**
 * The console's keys, each changeable: "Change" listens for the next key
 * press (Escape cancels) and saves it at once when the console can use it
 * — not a browser key, not a key a control needs, not one already doing
 * something else — else says why and changes nothing.
 */
export function KeysSettings() {
  const settings = useAttendant((s) => s.settings);
  const { savePreferences } = useActions();
  const t = useT();
  const messageText = useMessageText();
  const [listening, setListening] = useState<KeyCommand | null>(null);
  const [outcome, setOutcome] = useState<{ kind: 'ok' | 'error'; text: Message } | null>(null);
  if (!settings) return null;
  const keys = settings.preferences.keys;

  async function save(next: KeyBindings) {
    if (!settings) return;
    const failure = await savePreferences({
      defaultCountry: settings.defaultCountry,
      preferences: { ...settings.preferences, keys: next },
    });
    setOutcome(failure ? { kind: 'error', text: failure.error } : { kind: 'ok', text: msg('settings.prefs.saved') });
  }

  function onCapture(event: KeyboardEvent<HTMLButtonElement>, command: KeyCommand) {
    // While listening, every key is the answer: none may do its usual job (or a console key's).
    event.preventDefault();
    event.stopPropagation();
    if (event.key === 'Escape') {
      setListening(null);
      return;
    }
    const chord = chordOfEvent(event);
    if (!chord) return; // a lone modifier: wait for the key
    setListening(null);
    const problem = chordProblem(chord);
    const owner = commandOfChord(keys, chord);
    if (problem) setOutcome({ kind: 'error', text: msg(problem) });
    else if (owner && owner !== command) setOutcome({ kind: 'error', text: msg('work.key.usedTwice') });
    else void save({ ...keys, [command]: [chord] });
  }

  return (
    <section className="settings-section keys-settings" aria-labelledby="keys-heading">
      <h2 id="keys-heading">{t('work.keys.heading')}</h2>
      <p className="muted">{t('work.keys.intro')}</p>
      <table className="keys-table">
        <tbody>
          {KEY_COMMANDS.map((command) => (
            <tr key={command}>
              <th scope="row">{t(KEY_COMMAND_TEXT[command])}</th>
              <td>
                {keys[command].length > 0 ? keys[command].map((chord) => <kbd key={chord}>{chordLabel(chord)}</kbd>) : t('work.keys.none')}
              </td>
              <td>
                {listening === command ? (
                  <KeyCapture
                    label={t('work.keys.press', { command: t(KEY_COMMAND_TEXT[command]) })}
                    onKey={(event) => onCapture(event, command)}
                    onLeave={() => setListening(null)}
                  />
                ) : (
                  <button
                    type="button"
                    aria-label={t('work.keys.changeFor', { command: t(KEY_COMMAND_TEXT[command]) })}
                    onClick={() => setListening(command)}
                  >
                    {t('work.keys.change')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => void save(DEFAULT_KEYS)}>
        {t('work.keys.reset')}
      </button>
      {outcome && (
        <p role={outcome.kind === 'error' ? 'alert' : 'status'} className={outcome.kind === 'error' ? 'error' : undefined}>
          {messageText(outcome.text)}
        </p>
      )}
    </section>
  );
}

/** The button that listens for the new key: it takes the focus as it appears, so the very next key press is the answer. */
function KeyCapture({
  label,
  onKey,
  onLeave,
}: {
  label: string;
  onKey: (event: KeyboardEvent<HTMLButtonElement>) => void;
  onLeave: () => void;
}) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <button ref={ref} type="button" className="keys-table__listening" onKeyDown={onKey} onBlur={onLeave}>
      {label}
    </button>
  );
}

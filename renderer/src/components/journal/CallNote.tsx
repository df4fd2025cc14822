import { useState, type KeyboardEvent } from 'react';
import type { Call } from '../../../../app/model';
import { partyTitle } from '../../format/party';
import { useT } from '../../i18n/language';
import { useActions, useAttendant } from '../../store/context';
import type { AttendantState } from '../../store/types';

/** The call a note is typed on: the selected call, else the one call in conversation; never a watched colleague's. */
function selectNoteCall(state: AttendantState): Call | null {
  const own = (call: Call | undefined) => call !== undefined && state.console.lines[call.lineId]?.watched !== true;
  const selected = state.selectedCallId ? state.console.calls[state.selectedCallId] : undefined;
  if (selected && own(selected)) return selected;
  const talking = Object.values(state.console.calls).filter((call) => own(call) && call.state === 'connected');
  return talking.length === 1 ? (talking[0] ?? null) : null;
}

/**
 * A note typed while the call runs: saved to the core as it is typed (on
 * leaving the field, or Save), it lands on the call's journal entry when the
 * call ends. Only for a call whose connection is online: a call the console
 * cannot see for sure takes nothing.
 */
export function CallNote() {
  const call = useAttendant(selectNoteCall);
  const online = useAttendant((s) => (call ? s.console.connections[call.connectionId]?.state === 'online' : false));
  if (!call || !online) return null;
  return <CallNoteForm key={call.id} call={call} />;
}

function CallNoteForm({ call }: { call: Call }) {
  const text = useAttendant((s) => s.callNotes[call.id] ?? '');
  const country = useAttendant((s) => s.console.lines[call.lineId]?.country ?? '');
  const { setCallNoteText, saveCallNote } = useActions();
  const [saved, setSaved] = useState(false);
  const t = useT();
  const who = partyTitle(call.remote, country, t);
  const save = () => void saveCallNote(call.id).then(setSaved);
  // Enter is the note's (a new line), never the console's "answer the ringing call".
  const keepEnter = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter') event.stopPropagation();
  };
  return (
    <form
      className="call-note"
      aria-label={t('journal.noteOn', { who })}
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <label>
        {t('journal.noteOn', { who })}
        <textarea
          value={text}
          rows={2}
          maxLength={2000}
          onKeyDown={keepEnter}
          onChange={(event) => {
            setSaved(false);
            setCallNoteText(call.id, event.target.value);
          }}
          onBlur={save}
        />
      </label>
      <button type="submit">{t('journal.saveNote')}</button>
      {saved && (
        <span className="muted" role="status">
          {' '}
          {t('journal.noteSaved')}
        </span>
      )}
    </form>
  );
}

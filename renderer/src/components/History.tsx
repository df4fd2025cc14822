import { memo } from 'react';
import { useNow } from '../clock';
import type { JournalEntry } from '../../../app/model';
import { DIRECTION_LABEL } from '../format/labels';
import { isDiallable, partyNumberText, partyTitle } from '../format/party';
import { formatDuration, formatTimeOfDay } from '../format/time';
import { useActions, useAttendant } from '../store/context';
import { selectCountryOfLine, selectJournal } from '../store/selectors';

/** Finished calls, newest first (the journal's own order). */
export function History() {
  const journal = useAttendant(selectJournal);
  // "Today" or a date per row: the minute is precise enough.
  const now = useNow(60_000);
  return (
    <section className="panel history" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      {journal.length === 0 && <p className="muted">No finished calls yet.</p>}
      <ul role="list" className="history-list" aria-labelledby="history-heading">
        {journal.map((entry) => (
          <HistoryEntry key={`${entry.callId}-${entry.endedAt}`} entry={entry} now={now} />
        ))}
      </ul>
    </section>
  );
}

/** "Missed" is what a receptionist looks for: an incoming call nobody answered. */
function outcomeText(entry: JournalEntry): string {
  if (entry.answered) return 'Answered';
  return entry.direction === 'incoming' ? 'Missed' : 'Not answered';
}

const HistoryEntry = memo(function HistoryEntry({ entry, now }: { entry: JournalEntry; now: number }) {
  const country = useAttendant(selectCountryOfLine(entry.lineId));
  const { dial } = useActions();
  const title = partyTitle(entry.remote, country);
  const numberText = partyNumberText(entry.remote, country);
  const outcome = outcomeText(entry);
  const preposition = entry.direction === 'incoming' ? 'from' : 'to';

  return (
    <li
      className={`history-entry${outcome === 'Missed' ? ' history-entry--missed' : ''}`}
      aria-label={`${DIRECTION_LABEL[entry.direction]} call ${preposition} ${title}, ${outcome}`}
    >
      <div className="history-entry__text">
        <span className="history-entry__meta">
          {DIRECTION_LABEL[entry.direction]} · {formatTimeOfDay(entry.startedAt, now)}
        </span>
        <span className="history-entry__name">{title}</span>
        {title !== numberText && <span className="history-entry__number">{numberText}</span>}
        <span className="history-entry__outcome">
          {outcome}
          {entry.answered && ` · ${formatDuration(entry.talkSeconds)}`}
        </span>
      </div>
      {isDiallable(entry.remote) && (
        <button type="button" onClick={() => void dial(entry.remote.number, entry.lineId)}>
          Call back {title}
        </button>
      )}
    </li>
  );
});

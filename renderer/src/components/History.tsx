import { memo } from 'react';
import { useNow } from '../clock';
import type { JournalEntry } from '../../../app/model';
import type { MessageKey } from '../../../app/i18n/message';
import { DIRECTION_KEY } from '../format/labels';
import { isDiallable, partyNumberText, partyTitle } from '../format/party';
import { formatDuration, formatTimeOfDay } from '../format/time';
import { useLanguage, useT } from '../i18n/language';
import { useActions, useAttendant } from '../store/context';
import { selectCountryOfLine, selectJournal } from '../store/selectors';

/** Finished calls, newest first (the journal's own order). */
export function History() {
  const journal = useAttendant(selectJournal);
  const t = useT();
  // "Today" or a date per row: the minute is precise enough.
  const now = useNow(60_000);
  return (
    <section className="panel history" aria-labelledby="history-heading">
      <h2 id="history-heading">{t('history.heading')}</h2>
      {journal.length === 0 && <p className="muted">{t('history.empty')}</p>}
      <ul role="list" className="history-list" aria-labelledby="history-heading">
        {journal.map((entry) => (
          <HistoryEntry key={`${entry.callId}-${entry.endedAt}`} entry={entry} now={now} />
        ))}
      </ul>
    </section>
  );
}

/** "Missed" is what a receptionist looks for: an incoming call nobody answered. */
function outcomeOf(entry: JournalEntry): 'answered' | 'missed' | 'notAnswered' {
  if (entry.answered) return 'answered';
  return entry.direction === 'incoming' ? 'missed' : 'notAnswered';
}

const OUTCOME_KEY: Record<ReturnType<typeof outcomeOf>, MessageKey> = {
  answered: 'history.answered',
  missed: 'history.missed',
  notAnswered: 'history.notAnswered',
};

const HistoryEntry = memo(function HistoryEntry({ entry, now }: { entry: JournalEntry; now: number }) {
  const country = useAttendant(selectCountryOfLine(entry.lineId));
  const { dial } = useActions();
  const t = useT();
  const language = useLanguage();
  const title = partyTitle(entry.remote, country, t);
  const numberText = partyNumberText(entry.remote, country, t);
  const outcomeKind = outcomeOf(entry);
  const outcome = t(OUTCOME_KEY[outcomeKind]);

  return (
    <li
      className={`history-entry${outcomeKind === 'missed' ? ' history-entry--missed' : ''}`}
      aria-label={t(entry.direction === 'incoming' ? 'history.name.incoming' : 'history.name.outgoing', { who: title, outcome })}
    >
      <div className="history-entry__text">
        <span className="history-entry__meta">
          {t(DIRECTION_KEY[entry.direction])} · {formatTimeOfDay(entry.startedAt, now, language)}
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
          {t('history.callBack', { name: title })}
        </button>
      )}
    </li>
  );
});

import { memo, useEffect, useRef, useState } from 'react';
import { outcomeOf } from '../../../../app/journal';
import type { JournalEntry } from '../../../../app/model';
import { useNow } from '../../clock';
import { DIRECTION_KEY, lineLabel, type Translate } from '../../format/labels';
import { isDiallable, partyNumberText, partyTitle } from '../../format/party';
import { formatDuration, formatTimeOfDay } from '../../format/time';
import { useLanguage, useMessageText, useT } from '../../i18n/language';
import { useActions, useAttendant } from '../../store/context';
import { selectCountryOfLine, selectJournal, selectLines } from '../../store/selectors';
import { CallNote } from './CallNote';
import { downloadText } from './download';
import { TodayAtAGlance } from './TodayAtAGlance';
import './journal.css';

/**
 * The journal: finished calls as the core's store keeps them (across
 * restarts), newest first; search, the missed calls still to return (with
 * their count), today only, one line; notes, done, call back, CSV export.
 */
export function JournalView() {
  const view = useAttendant((s) => s.journalView);
  const recent = useAttendant(selectJournal);
  const lines = useAttendant(selectLines);
  const { refreshJournal, setJournalFilters, showMoreJournal, markJournalDone, exportJournal, addNotice } = useActions();
  const t = useT();
  const messageText = useMessageText();
  // "Today" or a date per row: the minute is precise enough.
  const now = useNow(60_000);
  const sectionRef = useRef<HTMLElement>(null);
  const focusSerial = useAttendant((s) => (s.focusRequest?.to === 'journal' ? s.focusRequest.serial : null));
  // The journal key: the newest missed call still to return, ready to call back with Enter; else any call back; else the search.
  useEffect(() => {
    const section = sectionRef.current;
    if (focusSerial === null || !section) return;
    const target =
      section.querySelector<HTMLElement>('.history-entry--missed .journal__call-back') ??
      section.querySelector<HTMLElement>('.journal__call-back') ??
      section.querySelector<HTMLElement>('.journal__search');
    target?.scrollIntoView?.({ block: 'nearest' });
    target?.focus({ preventScroll: true });
  }, [focusSerial]);
  // A call that ended (or a fresh snapshot after a reconnect) changes the recent-calls feed: read the page again.
  useEffect(() => {
    void refreshJournal();
  }, [recent, refreshJournal]);

  const { filters, page } = view;
  const ownLines = lines.filter((line) => !line.watched);
  const missedOpen = page?.missedOpen ?? 0;
  const entries = page?.entries ?? [];
  const filtered = filters.text.trim() !== '' || filters.filter !== 'all' || filters.todayOnly || filters.lineId !== '';

  const onExport = async () => {
    const exported = await exportJournal();
    if (!exported) return;
    if (exported.kind === 'csv') downloadText(exported.fileName, exported.csv);
    else if (exported.kind === 'saved') addNotice({ key: 'journal.exportedTo', params: { path: exported.path } }, 'info');
    else if (exported.kind === 'unavailable') addNotice({ key: 'journal.exportUnavailable' });
  };

  return (
    <section ref={sectionRef} className="panel history journal" aria-labelledby="journal-heading">
      <h2 id="journal-heading">{t('journal.heading')}</h2>
      <CallNote />
      {view.figures && <TodayAtAGlance figures={view.figures} showLines={ownLines.length > 1} />}
      <div className="journal__toolbar" role="group" aria-label={t('journal.filters')}>
        <input
          type="search"
          className="journal__search"
          aria-label={t('journal.search')}
          placeholder={t('journal.search')}
          value={filters.text}
          onChange={(event) => setJournalFilters({ text: event.target.value })}
        />
        <div className="journal__tabs">
          <button type="button" aria-pressed={filters.filter === 'all'} onClick={() => setJournalFilters({ filter: 'all' })}>
            {t('journal.filter.all')}
          </button>
          <button
            type="button"
            aria-pressed={filters.filter === 'missed'}
            onClick={() => setJournalFilters({ filter: 'missed' })}
            title={t('journal.missedCount', { count: missedOpen })}
          >
            {t('journal.filter.missed')}
            {missedOpen > 0 && <span className="journal__badge">{missedOpen}</span>}
          </button>
        </div>
        <label>
          <input type="checkbox" checked={filters.todayOnly} onChange={(event) => setJournalFilters({ todayOnly: event.target.checked })} />{' '}
          {t('journal.filter.today')}
        </label>
        {ownLines.length > 1 && (
          <label>
            {t('journal.filter.line')}{' '}
            <select value={filters.lineId} onChange={(event) => setJournalFilters({ lineId: event.target.value })}>
              <option value="">{t('journal.filter.allLines')}</option>
              {ownLines.map((line) => (
                <option key={line.id} value={line.id}>
                  {lineLabel(line, t)}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" onClick={() => void onExport()}>
          {t('journal.export')}
        </button>
        {filters.filter === 'missed' && missedOpen > 0 && (
          <button type="button" onClick={() => void markJournalDone('all')}>
            {t('journal.markAllDone')}
          </button>
        )}
      </div>
      {missedOpen > 0 && (
        <p className="journal__count" role="status">
          {t('journal.missedCount', { count: missedOpen })}
        </p>
      )}
      {view.error && (
        <p className="muted" role="alert">
          {t('journal.loadFailed', { reason: messageText(view.error) })}
        </p>
      )}
      {page && entries.length === 0 && <p className="muted">{t(filtered ? 'journal.noMatch' : 'journal.empty')}</p>}
      <ul role="list" className="history-list" aria-labelledby="journal-heading">
        {entries.map((entry) => (
          <JournalRow key={entry.id ?? `${entry.callId}-${entry.endedAt}`} entry={entry} now={now} />
        ))}
      </ul>
      {page && page.total > entries.length && (
        <p>
          <span className="journal__count">{t('journal.shown', { shown: entries.length, total: page.total })}</span>{' '}
          <button type="button" onClick={showMoreJournal}>
            {t('journal.more')}
          </button>
        </p>
      )}
    </section>
  );
}

/** What the row says happened: answered, missed, not answered, or where it was transferred or diverted. */
function outcomeWords(entry: JournalEntry, t: Translate): string {
  switch (outcomeOf(entry)) {
    case 'answered':
      return t('journal.outcome.answered');
    case 'missed':
      return t('journal.outcome.missed');
    case 'not-reached':
      return t('journal.outcome.notReached');
    case 'transferred':
      return entry.handedTo ? t('journal.outcome.transferred', { to: entry.handedTo }) : t('journal.outcome.transferredNowhere');
    case 'diverted':
      return entry.handedTo ? t('journal.outcome.diverted', { to: entry.handedTo }) : t('journal.outcome.divertedNowhere');
  }
}

const JournalRow = memo(function JournalRow({ entry, now }: { entry: JournalEntry; now: number }) {
  const country = useAttendant(selectCountryOfLine(entry.lineId));
  const line = useAttendant((s) => s.console.lines[entry.lineId]);
  const { dial, markJournalDone } = useActions();
  const [editing, setEditing] = useState(false);
  const t = useT();
  const language = useLanguage();
  const title = partyTitle(entry.remote, country, t);
  const numberText = partyNumberText(entry.remote, country, t);
  const outcome = outcomeWords(entry, t);
  const missed = outcomeOf(entry) === 'missed';
  const lineName = entry.lineLabel || (line ? lineLabel(line, t) : entry.lineId);
  const className = `history-entry${missed && !entry.done ? ' history-entry--missed' : ''}${entry.done ? ' journal-entry--done' : ''}`;

  return (
    <li
      className={className}
      aria-label={t(entry.direction === 'incoming' ? 'journal.name.incoming' : 'journal.name.outgoing', { who: title, outcome })}
    >
      <div className="history-entry__text">
        <span className="history-entry__meta">
          {t(DIRECTION_KEY[entry.direction])} · {formatTimeOfDay(entry.startedAt, now, language)} ·{' '}
          {t('journal.handledBy', { line: lineName })}
          {entry.source === 'vendor' && ` · ${t('journal.fromVendor')}`}
        </span>
        <span className="history-entry__name">{title}</span>
        {title !== numberText && <span className="history-entry__number">{numberText}</span>}
        <span className="history-entry__outcome">
          {outcome}
          {entry.answered && ` · ${formatDuration(entry.talkSeconds)}`}
          {missed && entry.done && ` · ${t('journal.done')}`}
        </span>
        {entry.note && !editing && <span className="journal-entry__note">{entry.note}</span>}
      </div>
      {editing ? (
        <JournalNoteEditor entry={entry} who={title} onClose={() => setEditing(false)} />
      ) : (
        <div className="journal-entry__actions">
          {isDiallable(entry.remote) && (
            <button type="button" className="journal__call-back" onClick={() => void dial(entry.remote.number, entry.lineId)}>
              {t('journal.callBack', { name: title })}
            </button>
          )}
          {missed && !entry.done && entry.id !== undefined && (
            <button type="button" onClick={() => entry.id !== undefined && void markJournalDone([entry.id])}>
              {t('journal.markDone', { who: title })}
            </button>
          )}
          {entry.id !== undefined && (
            <button type="button" onClick={() => setEditing(true)}>
              {t(entry.note ? 'journal.editNote' : 'journal.addNote', { who: title })}
            </button>
          )}
        </div>
      )}
    </li>
  );
});

function JournalNoteEditor({ entry, who, onClose }: { entry: JournalEntry; who: string; onClose: () => void }) {
  const { saveJournalNote } = useActions();
  const [text, setText] = useState(entry.note ?? '');
  const t = useT();
  return (
    <form
      className="journal-note"
      aria-label={t('journal.noteOn', { who })}
      onSubmit={(event) => {
        event.preventDefault();
        if (entry.id === undefined) return;
        void saveJournalNote(entry.id, text).then((ok) => ok && onClose());
      }}
    >
      <textarea
        aria-label={t('journal.noteOn', { who })}
        value={text}
        rows={3}
        maxLength={2000}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit">{t('journal.saveNote')}</button>{' '}
      <button type="button" onClick={onClose}>
        {t('journal.cancelNote')}
      </button>
    </form>
  );
}

import './contacts/contacts.css';
import type { KeyboardEvent } from 'react';
import type { MessageKey } from '../../../app/i18n/message';
import type { ColleagueActivity, DirectoryEntry } from '../../../app/model';
import { NUMBER_TYPE_KEY } from '../format/labels';
import { partyNumberText, partyTitle } from '../format/party';
import { useMessageText, useT } from '../i18n/language';
import { useActions, useAttendant } from '../store/context';
import { selectCurrentLine, selectDirectory, selectPendingTarget } from '../store/selectors';

/** The id the F2 shortcut focuses. */
export const DIRECTORY_SEARCH_ID = 'directory-search';

const ACTIVITY_KEY: Record<ColleagueActivity, MessageKey> = {
  idle: 'presence.activity.idle',
  ringing: 'presence.activity.ringing',
  busy: 'presence.activity.busy',
  offline: 'presence.activity.offline',
  unknown: 'presence.activity.unknown',
};

export function DirectorySearch() {
  const directory = useAttendant(selectDirectory);
  const { setDirectoryQuery, callFirstDirectoryResult } = useActions();
  const t = useT();
  const text = useMessageText();

  // Enter with text calls the first match; Escape is global (clears the search everywhere).
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter' && directory.query.trim()) {
      event.preventDefault();
      void callFirstDirectoryResult();
    }
  }

  const answered = directory.query.trim() !== '' && directory.resultsFor === directory.query;
  // "No matches" only when every source answered: a PBX still searching or failed is said instead.
  const status = directory.error
    ? text(directory.error)
    : answered && directory.loading
      ? t('directory.askingPbx')
      : answered && directory.results.length === 0 && directory.failures.length === 0
        ? t('directory.noMatches')
        : !answered && directory.query.trim() !== ''
          ? t('directory.searching')
          : '';

  return (
    <section className="panel directory" aria-labelledby="directory-heading" role="search">
      <h2 id="directory-heading">{t('directory.heading')}</h2>
      <label className="field">
        <span>{t('directory.search')}</span>
        <input
          id={DIRECTORY_SEARCH_ID}
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={directory.query}
          onChange={(event) => setDirectoryQuery(event.target.value)}
          onKeyDown={onKeyDown}
        />
      </label>
      <p className="directory__status" role="status">
        {status}
      </p>
      {answered && directory.failures.length > 0 && (
        <ul className="directory__failures" role="alert">
          {directory.failures.map((failure) => (
            <li key={failure.source}>{t('directory.vendorFailed', { source: failure.source, reason: text(failure.error) })}</li>
          ))}
        </ul>
      )}
      {directory.results.length > 0 && (
        <ul className="directory__results" aria-label={t('directory.results')}>
          {directory.results.map((entry, index) => (
            <DirectoryResult key={`${entry.source}-${entry.number}-${index}`} entry={entry} />
          ))}
        </ul>
      )}
    </section>
  );
}

function DirectoryResult({ entry }: { entry: DirectoryEntry }) {
  const line = useAttendant(selectCurrentLine);
  const pendingTarget = useAttendant(selectPendingTarget);
  const { dial, fillDestinationFromDirectory } = useActions();
  const t = useT();
  const country = line?.country ?? '';
  const title = partyTitle(entry, country, t);
  const numberText = partyNumberText(entry, country, t);
  const source = entry.origin === 'contact' ? t('directory.source.contacts') : entry.source;
  const organisation = [entry.company, entry.department].filter(Boolean).join(' · ');

  return (
    <li className="directory-entry">
      <div className="directory-entry__text">
        <span className="directory-entry__name">{title}</span>
        <span className="directory-entry__number">
          {numberText !== title && numberText}
          {entry.numberType && <span className="tag">{t(NUMBER_TYPE_KEY[entry.numberType])}</span>}
        </span>
        {organisation && <span className="directory-entry__company">{organisation}</span>}
        <span className="directory-entry__meta">
          {entry.presence && (
            <span className={`directory-entry__presence directory-entry__presence--${entry.presence.activity}`}>
              {t(ACTIVITY_KEY[entry.presence.activity])}
              {entry.presence.status ? ` (${entry.presence.status})` : ''}
            </span>
          )}
          <span className="directory-entry__source">{source}</span>
        </span>
      </div>
      <div className="directory-entry__actions">
        <button type="button" className="primary" onClick={() => void dial(entry.number)}>
          {t('directory.call', { name: title })}
        </button>
        {pendingTarget && (
          <button type="button" onClick={() => fillDestinationFromDirectory(entry)}>
            {t('directory.use', { name: title })}
          </button>
        )}
      </div>
    </li>
  );
}

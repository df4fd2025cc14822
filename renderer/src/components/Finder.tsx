import './contacts/contacts.css';
import { memo, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import type { MessageKey } from '../../../app/i18n/message';
import { ariaKeyShortcut } from '../../../app/keymap';
import type { CallAction, ColleagueActivity, DirectoryEntry } from '../../../app/model';
import { ACTION_KEY, NUMBER_TYPE_KEY, type Translate } from '../format/labels';
import { partyNumberText, partyTitle } from '../format/party';
import { useMessageText, useT } from '../i18n/language';
import { useActions, useAttendant, useAttendantStore } from '../store/context';
import { choiceKey, finderChoices, highlightedIndex, type FinderChoice } from '../store/finder-choice';
import { FINDER_KEYS, finderIntents, finderIntentsKey, type FinderIntent, type FinderIntents } from '../store/finder-intents';
import { selectCurrentLine, selectDirectory } from '../store/selectors';
import { KeyHint } from './KeyHint';

/** The finder's field: the finder key focuses it, and typing with nothing focused lands in it. */
export const FINDER_ID = 'finder';
const HINT_ID = 'finder-hint';

const ACTIVITY_KEY: Record<ColleagueActivity, MessageKey> = {
  idle: 'presence.activity.idle',
  ringing: 'presence.activity.ringing',
  busy: 'presence.activity.busy',
  offline: 'presence.activity.offline',
  unknown: 'presence.activity.unknown',
};

const INTENT_KEY: Partial<Record<CallAction, MessageKey>> = {
  transfer: 'work.finder.intent.transfer',
  consult: 'work.finder.intent.consult',
  divert: 'work.finder.intent.divert',
  addParty: 'work.finder.intent.addParty',
};

/** A button's name for an intent on a result: "Call Maria Lind", "Transfer to Maria Lind", … */
function intentName(intent: FinderIntent, name: string, t: Translate): string {
  if (intent.kind === 'dial') return t('directory.call', { name });
  const key = INTENT_KEY[intent.action];
  return key ? t(key, { name }) : t(ACTION_KEY[intent.action]);
}

/**
 * One box to find and act: a name, company, number or extension finds
 * colleagues and contacts from every source with their presence; Enter does
 * the finder's action with the highlighted result (dial; with a call being
 * talked on, transfer it; or what the call's button asked for), Shift+Enter
 * consults, Ctrl+Enter adds to the conference; ↑/↓ move the highlight;
 * Escape cancels a pending transfer, then clears.
 */
export function Finder() {
  const directory = useAttendant(selectDirectory);
  const picked = useAttendant((s) => s.finderPicked);
  const pending = useAttendant((s) => s.pendingTarget);
  // Whether the call she asked a destination for is still there: the banner says when it has ended.
  const pendingCallThere = useAttendant((s) => (s.pendingTarget ? s.console.calls[s.pendingTarget.callId] !== undefined : false));
  // The intents as a string: the finder re-renders when they change, not on every call update.
  const intentsKey = useAttendant(finderIntentsKey);
  const store = useAttendantStore();
  // One object while they stay the same, so the memoised results below skip re-rendering.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the key names the intents: recomputed when it changes
  const intents = useMemo(() => finderIntents(store.getState()), [intentsKey, store]);
  const focusRequest = useAttendant((s) => (s.focusRequest?.to === 'finder' ? s.focusRequest.serial : null));
  const { setDirectoryQuery, clearDirectory, finderKey, pickFinderChoice, cancelDestinationForm } = useActions();
  const inputRef = useRef<HTMLInputElement>(null);
  const t = useT();
  const text = useMessageText();

  useEffect(() => {
    if (focusRequest === null) return;
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [focusRequest]);

  const query = directory.query.trim();
  const answered = query !== '' && directory.resultsFor === directory.query;
  // The rows as Enter sees them (finder-choice.ts): the typed number among them once the finder has answered.
  const choices = useMemo(
    (): FinderChoice[] => (answered ? finderChoices(query, directory.results) : directory.results.map((entry) => ({ entry }))),
    [answered, query, directory.results],
  );
  const typedNumber = choices[0]?.typed ?? null;
  const count = choices.length;
  const highlighted = highlightedIndex(choices, picked);

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    // The keys of a composition in progress (an IME's Enter commits the text) are the composition's.
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'Enter' && !event.altKey && !event.metaKey) {
      if (!query) return;
      event.preventDefault();
      void finderKey(event.shiftKey ? 'consult' : event.ctrlKey ? 'addParty' : 'primary');
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (count === 0) return;
      event.preventDefault();
      pickFinderChoice(choiceKey(choices[(highlighted + (event.key === 'ArrowDown' ? 1 : count - 1)) % count]));
    } else if (event.key === 'Escape') {
      if (pending) cancelDestinationForm();
      else if (directory.query) clearDirectory();
      else return;
      event.preventDefault();
    }
  }

  // "No matches" only when every source answered: a PBX still searching or failed is said instead.
  const status = directory.error
    ? text(directory.error)
    : answered && directory.loading
      ? t('directory.askingPbx')
      : answered && count === 0 && directory.failures.length === 0 && !typedNumber
        ? t('directory.noMatches')
        : !answered && query !== ''
          ? t('directory.searching')
          : '';
  const pendingCall = pending ? store.getState().console.calls[pending.callId] : undefined;
  const country = store.getState().console.lines[pendingCall?.lineId ?? '']?.country ?? '';
  const highlightedChoice = choices[highlighted];
  const hintName = highlightedChoice?.entry ? partyTitle(highlightedChoice.entry, country, t) : (highlightedChoice?.typed ?? '');

  return (
    <section className="panel finder" aria-labelledby="finder-heading" role="search">
      <h2 id="finder-heading">{t('work.finder.heading')}</h2>
      {pending && (
        <div className="finder__mode" role="status">
          <span>
            {pendingCall && pendingCallThere
              ? t('work.finder.mode', { action: t(ACTION_KEY[pending.action]), caller: partyTitle(pendingCall.remote, country, t) })
              : t('notice.callEnded')}
          </span>
          <button type="button" onClick={cancelDestinationForm}>
            {t('common.cancel')}
          </button>
        </div>
      )}
      <input
        ref={inputRef}
        id={FINDER_ID}
        className="finder__field"
        type="text"
        autoComplete="off"
        spellCheck={false}
        aria-label={t('work.finder.field')}
        aria-describedby={HINT_ID}
        placeholder={t('work.finder.placeholder')}
        value={directory.query}
        onChange={(event) => setDirectoryQuery(event.target.value)}
        onKeyDown={onKeyDown}
      />
      {/* Said as it changes: the focus stays in the field while ↑/↓ move the highlight, so this is how a screen
          reader learns whom Enter now calls or transfers to. */}
      <p id={HINT_ID} className="finder__hint" aria-live="polite">
        {hintName ? <IntentHints intents={intents} name={hintName} t={t} /> : ''}
      </p>
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
      {count > 0 && (
        <ul className="directory__results" aria-label={t('directory.results')}>
          {choices.map((choice, index) =>
            choice.entry === undefined ? (
              <TypedNumber
                key="typed"
                number={choice.typed}
                intents={intents}
                highlighted={index === highlighted}
                onPoint={pickFinderChoice}
              />
            ) : (
              <FinderResult
                key={`${choice.entry.source}-${choice.entry.number}-${index}`}
                entry={choice.entry}
                intents={intents}
                highlighted={index === highlighted}
                onPoint={pickFinderChoice}
              />
            ),
          )}
        </ul>
      )}
    </section>
  );
}

/** "Enter: Transfer to Maria Lind · Shift+Enter: Consult Maria Lind": what the keys in the field do now. */
function IntentHints({ intents, name, t }: { intents: FinderIntents; name: string; t: Translate }) {
  const parts: string[] = [t('work.finder.hint', { key: FINDER_KEYS.primary, what: intentName(intents.primary, name, t) })];
  if (intents.consult) parts.push(t('work.finder.hint', { key: FINDER_KEYS.consult, what: intentName(intents.consult, name, t) }));
  if (intents.addParty) parts.push(t('work.finder.hint', { key: FINDER_KEYS.addParty, what: intentName(intents.addParty, name, t) }));
  return <>{parts.join(' · ')}</>;
}

/** Every intent that can act on a result now, primary first, each a button; the highlighted result shows the keys. */
function IntentButtons({
  intents,
  name,
  choice,
  highlighted,
}: {
  intents: FinderIntents;
  name: string;
  /** The row: an entry, or the number as typed (read with the line's country when used). */
  choice: FinderChoice;
  highlighted: boolean;
}) {
  const { runFinderIntent } = useActions();
  const t = useT();
  const list: { intent: FinderIntent; key: string }[] = [{ intent: intents.primary, key: FINDER_KEYS.primary }];
  if (intents.consult) list.push({ intent: intents.consult, key: FINDER_KEYS.consult });
  if (intents.addParty) list.push({ intent: intents.addParty, key: FINDER_KEYS.addParty });
  if (intents.primary.kind !== 'dial' && intents.consult) list.push({ intent: { kind: 'dial' }, key: '' });
  return (
    <div className="directory-entry__actions">
      {list.map(({ intent, key }, index) => (
        <button
          key={intent.kind === 'dial' ? 'dial' : intent.action}
          type="button"
          className={index === 0 ? 'primary' : undefined}
          aria-keyshortcuts={highlighted && key ? ariaKeyShortcut(key) : undefined}
          onClick={() => void runFinderIntent(intent, choice)}
        >
          {intentName(intent, name, t)}
          {highlighted && key && <KeyHint chordText={key} />}
        </button>
      ))}
    </div>
  );
}

function TypedNumber({
  number,
  intents,
  highlighted,
  onPoint,
}: {
  number: string;
  intents: FinderIntents;
  highlighted: boolean;
  onPoint: (key: string) => void;
}) {
  const t = useT();
  const choice: FinderChoice = { typed: number };
  return (
    <li
      className={`directory-entry${highlighted ? ' directory-entry--highlighted' : ''}`}
      aria-current={highlighted ? 'true' : undefined}
      onMouseEnter={() => onPoint(choiceKey(choice))}
    >
      <div className="directory-entry__text">
        <span className="directory-entry__name">{number}</span>
        <span className="directory-entry__meta">{t('work.finder.typed')}</span>
      </div>
      <IntentButtons intents={intents} name={number} choice={choice} highlighted={highlighted} />
    </li>
  );
}

/** Memoised: a keystroke (or a call update) re-renders the field, not the results that stayed the same. */
const FinderResult = memo(function FinderResult({
  entry,
  intents,
  highlighted,
  onPoint,
}: {
  entry: DirectoryEntry;
  intents: FinderIntents;
  highlighted: boolean;
  onPoint: (key: string) => void;
}) {
  const line = useAttendant(selectCurrentLine);
  const t = useT();
  const country = line?.country ?? '';
  const title = partyTitle(entry, country, t);
  const numberText = partyNumberText(entry, country, t);
  const source = entry.origin === 'contact' ? t('directory.source.contacts') : entry.source;
  const organisation = [entry.company, entry.department].filter(Boolean).join(' · ');

  return (
    <li
      className={`directory-entry${highlighted ? ' directory-entry--highlighted' : ''}`}
      aria-current={highlighted ? 'true' : undefined}
      onMouseEnter={() => onPoint(choiceKey({ entry }))}
    >
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
      <IntentButtons intents={intents} name={title} choice={{ entry }} highlighted={highlighted} />
    </li>
  );
});

import { useEffect, useState, type FormEvent } from 'react';
import type { DirectoryEntry, Line } from '../../../../app/model';
import { phonebookNameProblem } from '../../../../app/phonebook-text';
import { normalizeNumber } from '../../../../app/phone';
import { useMessageText, useT } from '../../i18n/language';
import type { Message } from '../../../../app/i18n/message';
import { useActions, useAttendant, useAttendantStore } from '../../store/context';
import { selectDirectory, selectLines } from '../../store/selectors';

/** How often the open phonebook searches its query again, so entries colleagues change elsewhere show. */
export const PHONEBOOK_RESEARCH_MS = 30_000;

/**
 * The company phonebook of connections whose lines have the 'phonebook'
 * capability (Telia): add an entry, and edit or delete the entries the
 * directory search finds. Names are checked before anything is sent.
 * The phonebook is shared with colleagues: when the view opens, and every
 * PHONEBOOK_RESEARCH_MS while it is open, its search runs again (the
 * connector reads the phonebook first when its copy is not fresh).
 */
export function PhonebookPanel() {
  const lines = useAttendant(selectLines);
  const directory = useAttendant(selectDirectory);
  const phonebookLine = lines.find((line) => line.capabilities.includes('phonebook'));
  const [editing, setEditing] = useState<DirectoryEntry | null>(null);
  const t = useT();
  useSearchAgainWhileOpen(phonebookLine !== undefined);
  if (!phonebookLine) return null;
  const entries = directory.results.filter((entry) => entry.editable && entry.connectionId === phonebookLine.connectionId && entry.entryId);

  return (
    <section className="panel phonebook" aria-labelledby="phonebook-heading">
      <h2 id="phonebook-heading">{t('phonebook.heading')}</h2>
      <EntryForm
        key={editing ? `edit-${editing.entryId}-${editing.number}` : 'add'}
        line={phonebookLine}
        editing={editing}
        onDone={() => setEditing(null)}
      />
      {entries.length > 0 && (
        <ul className="phonebook__entries" aria-label={t('phonebook.entries')}>
          {entries.map((entry) => (
            <PhonebookEntryRow key={`${entry.entryId}-${entry.number}`} entry={entry} onEdit={() => setEditing(entry)} />
          ))}
        </ul>
      )}
      {directory.query.trim() === '' && <p className="muted">{t('phonebook.hint')}</p>}
    </section>
  );
}

/** Runs the directory query again when the phonebook opens and then periodically, while there is one. */
function useSearchAgainWhileOpen(open: boolean) {
  const store = useAttendantStore();
  useEffect(() => {
    if (!open) return;
    const searchAgain = () => {
      const { directory, setDirectoryQuery } = store.getState();
      if (directory.query.trim()) setDirectoryQuery(directory.query);
    };
    searchAgain();
    const timer = setInterval(searchAgain, PHONEBOOK_RESEARCH_MS);
    return () => clearInterval(timer);
  }, [open, store]);
}

function EntryForm({ line, editing, onDone }: { line: Line; editing: DirectoryEntry | null; onDone: () => void }) {
  const { execute, setDirectoryQuery } = useActions();
  const query = useAttendant((state) => state.directory.query);
  const [name, setName] = useState(editing?.name ?? '');
  const [number, setNumber] = useState(editing?.number ?? '');
  const [problem, setProblem] = useState<Message | null>(null);
  const t = useT();
  const text = useMessageText();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const nameProblem = phonebookNameProblem(name);
    if (nameProblem) return setProblem(nameProblem);
    const normalized = normalizeNumber(number, line.country);
    if (!normalized.ok) return setProblem(normalized.error);
    setProblem(null);
    const saved = await execute({
      kind: 'phonebookSave',
      connectionId: line.connectionId,
      entry: { ...(editing?.entryId ? { entryId: editing.entryId } : {}), name: name.trim(), number: normalized.number },
    });
    if (!saved) return;
    setName('');
    setNumber('');
    onDone();
    // The directory shows the phonebook as it is now.
    if (query.trim()) setDirectoryQuery(query);
  }

  const verb = t(editing ? 'phonebook.saveChanges' : 'phonebook.add');
  return (
    <form
      className="phonebook__form"
      aria-label={t(editing ? 'phonebook.editForm' : 'phonebook.addForm')}
      onSubmit={(event) => void submit(event)}
    >
      <label className="field">
        <span>{t('phonebook.name')}</span>
        <input type="text" value={name} maxLength={64} onChange={(event) => setName(event.target.value)} />
      </label>
      <label className="field">
        <span>{t('phonebook.number')}</span>
        <input type="tel" value={number} onChange={(event) => setNumber(event.target.value)} />
      </label>
      {problem && (
        <p className="phonebook__problem" role="alert">
          {text(problem)}
        </p>
      )}
      <div className="phonebook__buttons">
        <button type="submit" className="primary">
          {verb}
        </button>
        {editing && (
          <button type="button" onClick={onDone}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

function PhonebookEntryRow({ entry, onEdit }: { entry: DirectoryEntry; onEdit: () => void }) {
  const { execute, setDirectoryQuery } = useActions();
  const query = useAttendant((state) => state.directory.query);
  const t = useT();
  async function remove() {
    const removed = await execute({ kind: 'phonebookDelete', connectionId: entry.connectionId!, entryId: entry.entryId! });
    if (removed && query.trim()) setDirectoryQuery(query);
  }
  return (
    <li className="phonebook-entry">
      <span className="phonebook-entry__name">{entry.name}</span>
      <span className="phonebook-entry__number">{entry.number}</span>
      <button type="button" onClick={onEdit}>
        {t('phonebook.edit', { name: entry.name ?? '' })}
      </button>
      <button type="button" onClick={() => void remove()}>
        {t('phonebook.delete', { name: entry.name ?? '' })}
      </button>
    </li>
  );
}

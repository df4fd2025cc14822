import './contacts.css';
import { useMemo, useState, type ChangeEvent, type FormEvent } from 'react';
import { contactName, contactSignature, type Contact, type ContactInput } from '../../../../app/directory/contact';
import { foldText } from '../../../../app/directory/fold';
import { msg, type Message } from '../../../../app/i18n/message';
import type { NumberType } from '../../../../app/model';
import { NUMBER_TYPE_KEY } from '../../format/labels';
import { useMessageText, useT } from '../../i18n/language';
import { useActions, useAttendant } from '../../store/context';
import { selectCurrentLine } from '../../store/selectors';
import type { ImportPreview, ImportRow } from './contact-import';
import { ContactOrder, matchesFilter } from './contact-order';

/** Most contacts listed at once (the directory search finds any of them). */
const LIST_LIMIT = 200;
const NUMBER_FIELDS = 3;
const NUMBER_TYPES: NumberType[] = ['work', 'mobile', 'home', 'ip'];

/**
 * The receptionist's own contacts: add, edit, delete, and import from a CSV
 * or vCard file with a preview of what will be added and what is skipped
 * and why, row by row. Contacts feed the directory and name callers.
 */
export function ContactsPanel() {
  const contacts = useAttendant((s) => s.contacts);
  const { loadContacts } = useActions();
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const [filter, setFilter] = useState('');
  const [notice, setNotice] = useState('');
  const t = useT();
  const text = useMessageText();

  // Kept across renders: a contact changed by hand moves in the order, the list is not sorted again.
  const [order] = useState(() => new ContactOrder());
  const shown = useMemo(() => {
    const wanted = foldText(filter.trim());
    const sorted = order.of(contacts.list);
    const matching = wanted ? sorted.filter((contact) => matchesFilter(contact, wanted)) : sorted;
    return { list: matching.slice(0, LIST_LIMIT), count: matching.length };
  }, [contacts.list, filter, order]);

  return (
    <details
      className="panel contacts"
      open={open}
      onToggle={(event) => {
        const nowOpen = event.currentTarget.open;
        setOpen(nowOpen);
        if (nowOpen) void loadContacts();
      }}
    >
      <summary>
        <h2 className="contacts__heading">{t('directory.contacts.heading')}</h2>
        {contacts.loaded && <span className="muted">{t('directory.contacts.count', { count: contacts.list.length })}</span>}
      </summary>
      {contacts.error && (
        <p className="contacts__error" role="alert">
          {text(contacts.error)}
        </p>
      )}
      <p className="contacts__notice" role="status">
        {notice}
      </p>
      {editing ? (
        <ContactForm
          contact={editing === 'new' ? null : editing}
          onDone={(saved) => {
            setEditing(null);
            if (saved) setNotice(t('directory.contacts.saved', { name: saved }));
          }}
        />
      ) : (
        <button type="button" onClick={() => setEditing('new')}>
          {t('directory.contacts.add')}
        </button>
      )}
      <ContactImport onDone={setNotice} />
      {contacts.loaded && contacts.list.length === 0 && <p className="muted">{t('directory.contacts.empty')}</p>}
      {contacts.list.length > 0 && (
        <>
          <label className="field">
            <span>{t('directory.contacts.filter')}</span>
            <input type="search" value={filter} onChange={(event) => setFilter(event.target.value)} />
          </label>
          <ul className="contacts__list" aria-label={t('directory.contacts.list')}>
            {shown.list.map((contact) => (
              <ContactRow
                key={contact.id}
                contact={contact}
                onEdit={() => setEditing(contact)}
                onDeleted={(name) => setNotice(t('directory.contacts.deleted', { name }))}
              />
            ))}
          </ul>
          {shown.count > shown.list.length && (
            <p className="muted">{t('directory.contacts.shown', { shown: shown.list.length, count: shown.count })}</p>
          )}
        </>
      )}
    </details>
  );
}

function ContactRow({ contact, onEdit, onDeleted }: { contact: Contact; onEdit: () => void; onDeleted: (name: string) => void }) {
  const { deleteContact } = useActions();
  const t = useT();
  const name = contactName(contact);
  return (
    <li className="contacts__row">
      <span className="contacts__name">{name}</span>
      {contact.company && name !== contact.company && <span className="muted">{contact.company}</span>}
      <span className="contacts__numbers">{contact.numbers.map((n) => n.number).join(', ')}</span>
      <span className="contacts__actions">
        <button type="button" onClick={onEdit}>
          {t('directory.contacts.edit', { name })}
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => {
            void deleteContact(contact.id).then((error) => {
              if (!error) onDeleted(name);
            });
          }}
        >
          {t('directory.contacts.delete', { name })}
        </button>
      </span>
    </li>
  );
}

type NumberField = { number: string; type: NumberType };
const TEXT_FIELDS = ['firstName', 'lastName', 'company', 'department', 'email', 'note'] as const;

function ContactForm({ contact, onDone }: { contact: Contact | null; onDone: (savedName: string | null) => void }) {
  const { saveContact } = useActions();
  const t = useT();
  const text = useMessageText();
  const [fields, setFields] = useState({
    firstName: contact?.firstName ?? '',
    lastName: contact?.lastName ?? '',
    company: contact?.company ?? '',
    department: contact?.department ?? '',
    email: contact?.email ?? '',
    note: contact?.note ?? '',
  });
  const [numbers, setNumbers] = useState<NumberField[]>(() =>
    Array.from({ length: NUMBER_FIELDS }, (_, i) => ({
      number: contact?.numbers[i]?.number ?? '',
      type: contact?.numbers[i]?.type ?? 'work',
    })),
  );
  const [problem, setProblem] = useState<Message | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input: ContactInput = {
      numbers: numbers.filter((n) => n.number.trim()).map((n) => ({ number: n.number.trim(), type: n.type })),
    };
    if (contact) input.id = contact.id;
    for (const key of TEXT_FIELDS) if (fields[key].trim()) input[key] = fields[key].trim();
    const error = await saveContact(input);
    if (error) return setProblem(error);
    onDone(contactName(input) || input.numbers[0]?.number || '');
  }

  const textField = (key: keyof typeof fields, label: string) => (
    <label className="field">
      <span>{label}</span>
      <input type="text" value={fields[key]} onChange={(event) => setFields({ ...fields, [key]: event.target.value })} />
    </label>
  );

  return (
    <form className="contacts__form" onSubmit={(event) => void submit(event)}>
      {textField('firstName', t('directory.contacts.firstName'))}
      {textField('lastName', t('directory.contacts.lastName'))}
      {textField('company', t('directory.contacts.company'))}
      {textField('department', t('directory.contacts.department'))}
      {numbers.map((entry, i) => (
        <div className="contacts__number" key={i}>
          <label className="field">
            <span>{t('directory.contacts.number', { n: i + 1 })}</span>
            <input
              type="tel"
              value={entry.number}
              onChange={(event) => setNumbers(numbers.map((n, j) => (j === i ? { ...n, number: event.target.value } : n)))}
            />
          </label>
          <label className="field">
            <span>{t('directory.contacts.numberType', { n: i + 1 })}</span>
            <select
              value={entry.type}
              onChange={(event: ChangeEvent<HTMLSelectElement>) => {
                const type = NUMBER_TYPES.find((candidate) => candidate === event.target.value) ?? 'work';
                setNumbers(numbers.map((n, j) => (j === i ? { ...n, type } : n)));
              }}
            >
              {NUMBER_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(NUMBER_TYPE_KEY[type])}
                </option>
              ))}
            </select>
          </label>
        </div>
      ))}
      {textField('email', t('directory.contacts.email'))}
      {textField('note', t('directory.contacts.note'))}
      {problem && (
        <p className="contacts__error" role="alert">
          {text(problem)}
        </p>
      )}
      <div className="contacts__buttons">
        <button type="submit" className="primary">
          {t('directory.contacts.save')}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          {t('directory.contacts.cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * The preview's rows with those the core would skip as duplicates marked so, by the core's own rule
 * (contactSignature): a row that repeats a contact of the book, or an earlier row of the file that is added.
 * Here, not in contact-import.ts: that module (and its parser) loads only once a file is picked.
 */
function markDuplicates(rows: readonly ImportRow[], book: readonly Contact[]): ImportRow[] {
  const known = new Set(book.map(contactSignature));
  return rows.map((row) => {
    if (!row.contact) return row;
    const signature = contactSignature(row.contact);
    if (!known.has(signature)) {
      known.add(signature);
      return row;
    }
    const { contact: _duplicate, ...skipped } = row;
    return { ...skipped, skipped: msg('directory.import.duplicate') };
  });
}

/** Import: pick a file, see the preview, then add what it would add. */
function ContactImport({ onDone }: { onDone: (notice: string) => void }) {
  const line = useAttendant(selectCurrentLine);
  // The book as the panel read it: a contact added or deleted meanwhile marks the preview again.
  const book = useAttendant((s) => s.contacts.list);
  const { importContacts } = useActions();
  const [file, setFile] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [committing, setCommitting] = useState(false);
  const t = useT();
  const text = useMessageText();

  async function read(event: ChangeEvent<HTMLInputElement>) {
    const picked = event.target.files?.[0];
    event.target.value = '';
    if (!picked) return;
    setFile(picked.name);
    // The CSV and vCard parsers load only when a file is imported: the console's first paint does not wait for them.
    const [{ decodeContactsFile, previewImport }, bytes] = await Promise.all([import('./contact-import'), picked.arrayBuffer()]);
    setPreview(previewImport(decodeContactsFile(new Uint8Array(bytes)), picked.name, line?.country ?? 'EE'));
  }

  const rows = useMemo(() => (preview?.ok ? markDuplicates(preview.rows, book) : []), [preview, book]);
  const adding = rows.filter((row): row is ImportRow & { contact: ContactInput } => row.contact !== undefined);

  async function commit() {
    setCommitting(true);
    const result = await importContacts(adding.map((row) => row.contact));
    setCommitting(false);
    if (result.error) {
      setPreview({ ok: false, error: result.error });
      return;
    }
    const skippedRows = rows.length - adding.length + result.skipped.length;
    // What the core skipped is shown against its row, with the rows skipped before.
    const core = new Map(result.skipped.map((skip) => [adding[skip.index]?.row, skip.reason]));
    const remaining = rows
      .filter((row) => !row.contact || core.has(row.row))
      .map((row) => ({ ...row, skipped: core.get(row.row) ?? row.skipped }));
    onDone(
      [
        t('directory.import.done', { count: result.added }),
        skippedRows > 0 ? t('directory.import.doneSkipped', { count: skippedRows }) : '',
      ]
        .filter(Boolean)
        .join(' '),
    );
    setPreview(
      remaining.length > 0
        ? { ok: true, format: preview?.ok ? preview.format : 'csv', rows: remaining.map(({ contact: _c, ...row }) => row) }
        : null,
    );
  }

  return (
    <section className="contacts__import" aria-labelledby="contacts-import-heading">
      <h3 id="contacts-import-heading">{t('directory.import.heading')}</h3>
      <label className="field">
        <span>{t('directory.import.file')}</span>
        <input type="file" accept=".csv,.vcf,text/csv,text/vcard,text/x-vcard" onChange={(event) => void read(event)} />
      </label>
      {preview && !preview.ok && (
        <p className="contacts__error" role="alert">
          {text(preview.error)}
        </p>
      )}
      {preview?.ok && (
        <div className="contacts__preview">
          <h4>{t('directory.import.preview', { file })}</h4>
          <p>
            {t('directory.import.willAdd', { count: adding.length })}{' '}
            {rows.length > adding.length && t('directory.import.willSkip', { count: rows.length - adding.length })}
          </p>
          <table aria-label={t('directory.import.preview', { file })}>
            <thead>
              <tr>
                <th scope="col">{t('directory.import.colRow')}</th>
                <th scope="col">{t('directory.import.colName')}</th>
                <th scope="col">{t('directory.import.colNumbers')}</th>
                <th scope="col">{t('directory.import.colOutcome')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.row} className={row.contact ? '' : 'contacts__skipped'}>
                  <td>{row.row}</td>
                  <td>{row.label}</td>
                  <td>{row.contact ? row.contact.numbers.map((n) => n.number).join(', ') : t('directory.import.numbersNone')}</td>
                  <td>
                    {row.contact
                      ? t('directory.import.added')
                      : t('directory.import.skipped', { reason: row.skipped ? text(row.skipped) : '' })}
                    {row.notes.map((note, i) => (
                      <span key={i} className="contacts__note">
                        {text(note)}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="contacts__buttons">
            {adding.length > 0 && (
              <button type="button" className="primary" disabled={committing} onClick={() => void commit()}>
                {t('directory.import.commit', { count: adding.length })}
              </button>
            )}
            <button type="button" onClick={() => setPreview(null)}>
              {t('directory.import.cancel')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

import { useId, useState, type FormEvent } from 'react';
import type { ConnectionSubmission, SavedConnection } from '../../../../app/contract';
import type { Vendor } from '../../../../app/model';
import { useActions } from '../../store/context';
import { checkValues, emptyValues, VENDOR_FORMS } from './vendor-forms';

interface Props {
  /** The saved connection being edited; absent when adding one. */
  editing?: SavedConnection;
  /** Whether the credential store can keep a password (else only passwordEnv works). */
  canStorePasswords: boolean;
  onDone: () => void;
}

type Outcome = { kind: 'ok' | 'error'; text: string } | null;

/** Add or edit one connection: the vendor's fields, the password (write-only), Test and Save. */
export function ConnectionForm({ editing, canStorePasswords, onDone }: Props) {
  const { saveConnection, testConnection } = useActions();
  const [vendor, setVendor] = useState<Vendor>(editing?.connection.vendor ?? 'telserver');
  const form = VENDOR_FORMS[vendor];
  const [values, setValues] = useState<Record<string, string>>(() => (editing ? form.toValues(editing.connection) : emptyValues(form)));
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const formId = useId();

  function chooseVendor(next: Vendor) {
    setVendor(next);
    setValues({ ...emptyValues(VENDOR_FORMS[next]), label: values.label ?? '', id: values.id ?? '' });
    setProblems({});
    setOutcome(null);
  }

  /** The submission, or null (with the problems shown) when the form is not complete. */
  function submission(): ConnectionSubmission | null {
    const found = checkValues(form, values);
    setProblems(found);
    if (Object.keys(found).length > 0) {
      setOutcome({ kind: 'error', text: 'Please correct the marked fields.' });
      return null;
    }
    const base = editing && editing.connection.vendor === vendor ? editing.connection : {};
    const connection = form.toConnection(values, base);
    return password ? { connection, password } : { connection };
  }

  async function run(kind: 'test' | 'save') {
    const request = submission();
    if (!request) return;
    setBusy(kind);
    setOutcome(null);
    try {
      if (kind === 'test') {
        const result = await testConnection(request);
        setOutcome(
          result.ok
            ? { kind: 'ok', text: 'Connection test succeeded.' }
            : { kind: 'error', text: `Connection test failed: ${result.error}` },
        );
      } else {
        const error = await saveConnection(request);
        if (error) setOutcome({ kind: 'error', text: `Not saved: ${error}` });
        else onDone();
      }
    } finally {
      setBusy(null);
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void run('save');
  }

  const title = editing ? `Edit ${editing.connection.label}` : 'Add a connection';
  const passwordHint = !canStorePasswords
    ? 'Passwords cannot be stored on this computer (see above).'
    : editing?.hasPassword
      ? 'A password is stored. Leave empty to keep it.'
      : form.passwordRequired
        ? 'Required to log in.'
        : 'Only if the lines log in with a user id.';

  return (
    <form className="settings-form" aria-label={title} onSubmit={onSubmit} noValidate>
      <h3>{title}</h3>
      <label className="settings-field">
        <span>Telephone system</span>
        <select value={vendor} disabled={Boolean(editing)} onChange={(e) => chooseVendor(e.target.value as Vendor)}>
          {Object.values(VENDOR_FORMS).map((f) => (
            <option key={f.vendor} value={f.vendor}>
              {f.name}
            </option>
          ))}
        </select>
      </label>
      {form.fields.map((field) => {
        const inputId = `${formId}-${field.key}`;
        const hintId = `${inputId}-hint`;
        const problemId = `${inputId}-problem`;
        const describedBy = [field.hint ? hintId : '', problems[field.key] ? problemId : ''].filter(Boolean).join(' ');
        return (
          <div key={`${vendor}-${field.key}`} className="settings-field">
            <label htmlFor={inputId}>{field.label}</label>
            <input
              id={inputId}
              type={field.type === 'number' ? 'text' : field.type}
              inputMode={field.type === 'number' ? 'numeric' : undefined}
              value={values[field.key] ?? ''}
              placeholder={field.placeholder}
              readOnly={field.key === 'id' && Boolean(editing)}
              aria-invalid={problems[field.key] ? true : undefined}
              aria-describedby={describedBy || undefined}
              onChange={(e) => setValues({ ...values, [field.key]: e.target.value })}
            />
            {field.hint && <small id={hintId}>{field.hint}</small>}
            {problems[field.key] && (
              <small id={problemId} className="settings-problem">
                {problems[field.key]}
              </small>
            )}
          </div>
        );
      })}
      <div className="settings-field">
        <label htmlFor={`${formId}-password`}>Password</label>
        <input
          id={`${formId}-password`}
          type="password"
          autoComplete="new-password"
          value={password}
          disabled={!canStorePasswords}
          aria-describedby={`${formId}-password-hint`}
          onChange={(e) => setPassword(e.target.value)}
        />
        <small id={`${formId}-password-hint`}>{passwordHint}</small>
      </div>
      <div className="settings-actions">
        <button type="button" disabled={busy !== null} onClick={() => void run('test')}>
          {busy === 'test' ? 'Testing…' : 'Test connection'}
        </button>
        <button type="submit" disabled={busy !== null}>
          {busy === 'save' ? 'Saving…' : 'Save connection'}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
      {outcome && (
        <p className={`settings-outcome settings-outcome--${outcome.kind}`} role={outcome.kind === 'error' ? 'alert' : 'status'}>
          {outcome.text}
        </p>
      )}
    </form>
  );
}

import { useId, useState, type FormEvent } from 'react';
import type { SavedConnection } from '../../../../app/contract';
import { msg, type Message } from '../../../../app/i18n/message';
import { VENDORS, type BaseConnectionConfig, type VendorRegistry } from '../../../../app/vendors';
import { useMessageText, useT } from '../../i18n/language';
import { useActions } from '../../store/context';
import { checkForm, emptyValues, placeCoreProblems } from './connection-form-model';

interface Props {
  /** The saved connection being edited; absent when adding one. */
  editing?: SavedConnection;
  /** Whether the credential store can keep a password (else only passwordEnv works). */
  canStorePasswords: boolean;
  onDone: () => void;
  /** The vendors to offer (default the product's; a test adds a throw-away one). */
  vendors?: VendorRegistry<BaseConnectionConfig>;
}

type Outcome = { kind: 'ok' | 'error'; text: Message } | null;

/**
 * Add or edit one connection: the vendor's fields (from its definition in
 * app/vendors), the password (write-only), Test and Save. What is typed is
 * checked with the vendor's own schema before it is sent, and the core's
 * answer marks the same fields.
 */
export function ConnectionForm({ editing, canStorePasswords, onDone, vendors = VENDORS }: Props) {
  const { saveConnection, testConnection } = useActions();
  const t = useT();
  const text = useMessageText();
  const first = vendors.definitions[0];
  const [vendor, setVendor] = useState<string>(editing?.connection.vendor ?? first?.vendor ?? '');
  const definition = vendors.definition(vendor) ?? first;
  const [values, setValues] = useState<Record<string, string>>(() =>
    editing && definition ? definition.form.toValues(editing.connection) : definition ? emptyValues(definition) : {},
  );
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<Record<string, Message>>({});
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const formId = useId();
  if (!definition) return null;

  function chooseVendor(next: string) {
    const nextDefinition = vendors.definition(next);
    if (!nextDefinition) return;
    setVendor(next);
    setValues({ ...emptyValues(nextDefinition), label: values.label ?? '', id: values.id ?? '' });
    setProblems({});
    setOutcome(null);
  }

  /** The checked connection, or null (with the problems shown) when the form is not right yet. */
  function checkedConnection(): BaseConnectionConfig | null {
    if (!definition) return null;
    const base = editing && editing.connection.vendor === vendor ? editing.connection : undefined;
    const check = checkForm(vendors, definition, values, base);
    setProblems(check.fieldProblems);
    if (!check.connection) {
      setOutcome({ kind: 'error', text: check.otherProblems[0] ?? msg('settings.form.correctFields') });
      return null;
    }
    return check.connection;
  }

  async function run(kind: 'test' | 'save') {
    const connection = checkedConnection();
    if (!connection || !definition) return;
    // The contract checks the submission again, and the core once more with the vendors it runs.
    const request = password ? { connection, password } : { connection };
    setBusy(kind);
    setOutcome(null);
    try {
      if (kind === 'test') {
        const result = await testConnection(request);
        setOutcome(
          result.ok
            ? { kind: 'ok', text: msg('settings.form.testSucceeded') }
            : { kind: 'error', text: msg('settings.form.testFailed', { reason: result.error }) },
        );
      } else {
        const failure = await saveConnection(request);
        if (!failure) {
          onDone();
          return;
        }
        const placed = placeCoreProblems(definition, failure.problems);
        setProblems(placed.fieldProblems);
        setOutcome({ kind: 'error', text: msg('settings.form.notSaved', { reason: placed.otherProblems[0] ?? failure.error }) });
      }
    } finally {
      setBusy(null);
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void run('save');
  }

  const title = editing ? t('settings.form.editTitle', { label: editing.connection.label }) : t('settings.form.addTitle');
  const passwordHint = !canStorePasswords
    ? t('settings.form.passwordCannotStore')
    : editing?.hasPassword
      ? t('settings.form.passwordStored')
      : definition.form.passwordRequired
        ? t('settings.form.passwordRequired')
        : t('settings.form.passwordOptional');

  return (
    <form
      className="settings-form"
      aria-label={title}
      onSubmit={onSubmit}
      // Escape in the form cancels the form (its innermost thing), not the whole Settings view.
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || event.defaultPrevented || event.nativeEvent.isComposing) return;
        event.preventDefault();
        onDone();
      }}
      noValidate
    >
      <h3>{title}</h3>
      <label className="settings-field">
        <span>{t('settings.form.system')}</span>
        <select value={vendor} disabled={Boolean(editing)} onChange={(e) => chooseVendor(e.target.value)}>
          {vendors.definitions.map((d) => (
            <option key={d.vendor} value={d.vendor}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      {definition.form.fields.map((field) => {
        const inputId = `${formId}-${field.key}`;
        const hintId = `${inputId}-hint`;
        const problemId = `${inputId}-problem`;
        const problem = problems[field.key];
        const describedBy = [field.hint ? hintId : '', problem ? problemId : ''].filter(Boolean).join(' ');
        return (
          <div key={`${vendor}-${field.key}`} className="settings-field">
            <label htmlFor={inputId}>{t(field.label)}</label>
            <input
              id={inputId}
              type={field.kind === 'number' ? 'text' : field.kind}
              inputMode={field.kind === 'number' ? 'numeric' : undefined}
              value={values[field.key] ?? ''}
              placeholder={field.exampleText ? t(field.exampleText) : field.example}
              readOnly={field.fixedOnEdit === true && Boolean(editing)}
              aria-invalid={problem ? true : undefined}
              aria-describedby={describedBy || undefined}
              onChange={(e) => setValues({ ...values, [field.key]: e.target.value })}
            />
            {field.hint && <small id={hintId}>{t(field.hint)}</small>}
            {problem && (
              <small id={problemId} className="settings-problem">
                {text(problem)}
              </small>
            )}
          </div>
        );
      })}
      <div className="settings-field">
        <label htmlFor={`${formId}-password`}>{t('settings.form.password')}</label>
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
          {busy === 'test' ? t('settings.form.testing') : t('settings.form.test')}
        </button>
        <button type="submit" disabled={busy !== null}>
          {busy === 'save' ? t('settings.form.saving') : t('settings.form.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
      {outcome && (
        <p className={`settings-outcome settings-outcome--${outcome.kind}`} role={outcome.kind === 'error' ? 'alert' : 'status'}>
          {text(outcome.text)}
        </p>
      )}
    </form>
  );
}

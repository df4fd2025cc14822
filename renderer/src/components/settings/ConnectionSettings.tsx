import { useState } from 'react';
import type { SavedConnection, SettingsView } from '../../../../app/contract';
import type { Message } from '../../../../app/i18n/message';
import { VENDORS } from '../../../../app/vendors';
import { useMessageText, useT } from '../../i18n/language';
import { useActions } from '../../store/context';
import { ConnectionForm } from './ConnectionForm';

/** The saved connections, each editable and removable, and the form to add one. */
export function ConnectionSettings({ settings }: { settings: SettingsView }) {
  const { removeConnection } = useActions();
  const [editing, setEditing] = useState<SavedConnection | 'new' | null>(null);
  const [error, setError] = useState<{ label: string; reason: Message } | null>(null);
  const t = useT();
  const text = useMessageText();
  const canStorePasswords = settings.passwordStorage.kind !== 'unavailable';

  async function remove(saved: SavedConnection) {
    setError(null);
    const problem = await removeConnection(saved.connection.id);
    if (problem) setError({ label: saved.connection.label, reason: problem.error });
  }

  return (
    <section className="settings-section" aria-labelledby="settings-connections">
      <h2 id="settings-connections">{t('settings.connections.heading')}</h2>
      <p className="settings-note">{text(settings.passwordStorage.description)}</p>
      <p className="settings-note">{t('settings.connections.savedTo', { path: settings.savedTo })}</p>
      {settings.connections.length === 0 ? (
        <p>{t('settings.connections.none')}</p>
      ) : (
        <ul className="settings-connections" aria-label={t('settings.connections.list')}>
          {settings.connections.map((saved) => (
            <li key={saved.connection.id}>
              <span>
                {t(saved.hasPassword ? 'settings.connections.itemWithPassword' : 'settings.connections.item', {
                  label: saved.connection.label,
                  vendor: VENDORS.definition(saved.connection.vendor)?.name ?? saved.connection.vendor,
                })}
              </span>
              <button
                type="button"
                aria-label={t('settings.connections.editLabel', { label: saved.connection.label })}
                onClick={() => setEditing(saved)}
              >
                {t('common.edit')}
              </button>
              <button
                type="button"
                aria-label={t('settings.connections.removeLabel', { label: saved.connection.label })}
                onClick={() => void remove(saved)}
              >
                {t('common.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && <p role="alert">{t('settings.connections.notRemoved', error)}</p>}
      {editing === null ? (
        <button type="button" onClick={() => setEditing('new')}>
          {t('settings.connections.add')}
        </button>
      ) : (
        <ConnectionForm
          key={editing === 'new' ? 'new' : editing.connection.id}
          editing={editing === 'new' ? undefined : editing}
          canStorePasswords={canStorePasswords}
          onDone={() => setEditing(null)}
        />
      )}
    </section>
  );
}

import { useState } from 'react';
import type { SavedConnection, SettingsView } from '../../../../app/contract';
import { useActions } from '../../store/context';
import { ConnectionForm } from './ConnectionForm';
import { VENDOR_FORMS } from './vendor-forms';

/** The saved connections, each editable and removable, and the form to add one. */
export function ConnectionSettings({ settings }: { settings: SettingsView }) {
  const { removeConnection } = useActions();
  const [editing, setEditing] = useState<SavedConnection | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canStorePasswords = settings.passwordStorage.kind !== 'unavailable';

  async function remove(saved: SavedConnection) {
    setError(null);
    const problem = await removeConnection(saved.connection.id);
    if (problem) setError(`${saved.connection.label} was not removed: ${problem}`);
  }

  return (
    <section className="settings-section" aria-labelledby="settings-connections">
      <h2 id="settings-connections">Connections</h2>
      <p className="settings-note">{settings.passwordStorage.description}</p>
      <p className="settings-note">Saved to {settings.savedTo}.</p>
      {settings.connections.length === 0 ? (
        <p>No saved connections.</p>
      ) : (
        <ul className="settings-connections" aria-label="Saved connections">
          {settings.connections.map((saved) => (
            <li key={saved.connection.id}>
              <span>
                {saved.connection.label} ({VENDOR_FORMS[saved.connection.vendor].name}){saved.hasPassword ? ' · password stored' : ''}
              </span>
              <button type="button" aria-label={`Edit ${saved.connection.label}`} onClick={() => setEditing(saved)}>
                Edit
              </button>
              <button type="button" aria-label={`Remove ${saved.connection.label}`} onClick={() => void remove(saved)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && <p role="alert">{error}</p>}
      {editing === null ? (
        <button type="button" onClick={() => setEditing('new')}>
          Add connection
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

import type { MessageKey } from '../../../app/i18n/message';
import type { ConnectionStatus } from '../../../app/model';
import type { BridgeState } from '../bridge/bridge-status';
import { useNow } from '../clock';
import { connectionStateText } from '../format/labels';
import { useMessageText, useT } from '../i18n/language';
import { useActions, useAttendant } from '../store/context';
import { selectBridgeState, selectConnections } from '../store/selectors';
import { SettingsButton } from './settings/SettingsPage';

/** Always visible: the console service link and every PBX connection, so a dead link is never a surprise. */
export function ConnectionBar() {
  const connections = useAttendant(selectConnections);
  const bridge = useAttendant(selectBridgeState);
  const t = useT();
  return (
    <header className="connection-bar">
      <BridgeIndicator state={bridge} />
      <ul className="connection-list" aria-label={t('connection.list')}>
        {connections.map((status) => (
          <ConnectionItem key={status.id} status={status} bridgeLost={bridge !== 'connected'} />
        ))}
      </ul>
      <SettingsButton />
    </header>
  );
}

const BRIDGE_TEXT: Record<BridgeState, MessageKey> = {
  connected: 'bridge.connected',
  connecting: 'bridge.connecting',
  reconnecting: 'bridge.reconnecting',
};

function BridgeIndicator({ state }: { state: BridgeState }) {
  const t = useT();
  return (
    <div className={`bridge-state bridge-state--${state}`} role={state === 'reconnecting' ? 'alert' : 'status'}>
      {t(BRIDGE_TEXT[state])}
    </div>
  );
}

/**
 * One short line per connection: its name and state, a Reconnect button
 * while it is offline; what it is doing and its facts (listener URL,
 * firmware…) on demand. While the console service is out of reach, the
 * window cannot know any connection's state, so none claims "Online".
 */
function ConnectionItem({ status, bridgeLost }: { status: ConnectionStatus; bridgeLost: boolean }) {
  const { reconnectConnection } = useActions();
  const t = useT();
  const text = useMessageText();
  const state = bridgeLost ? 'unknown' : status.state;
  const hasDetails = status.detail !== undefined || (status.facts?.length ?? 0) > 0;
  return (
    <li className={`connection connection--${state}`} aria-label={status.label}>
      <span className="connection__label">{status.label}</span>
      <span className="connection__state">
        {bridgeLost ? (
          t('work.connection.unknown')
        ) : status.state === 'offline' && status.retryAt !== undefined ? (
          <OfflineCountdown status={status} />
        ) : (
          connectionStateText(status, status.since, t)
        )}
      </span>
      {!bridgeLost && status.state === 'offline' && (
        <button type="button" onClick={() => void reconnectConnection(status.id)}>
          {t('connection.reconnectNow')}
        </button>
      )}
      {hasDetails && (
        <details className="connection__more">
          <summary>{t('work.connection.details')}</summary>
          <div className="connection__popover">
            {status.detail && <p className="connection__detail">{text(status.detail)}</p>}
            {status.facts?.map((fact) => (
              <p key={fact.label.key} className="connection__fact">
                {t('connection.fact', { label: fact.label, value: fact.value })}
              </p>
            ))}
          </div>
        </details>
      )}
    </li>
  );
}

/** Separate so only this text re-renders every second. */
function OfflineCountdown({ status }: { status: ConnectionStatus }) {
  const now = useNow();
  const t = useT();
  return <>{connectionStateText(status, now, t)}</>;
}

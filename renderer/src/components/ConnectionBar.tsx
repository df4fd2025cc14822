import type { ConnectionStatus } from '../../../app/model';
import type { BridgeState } from '../bridge/bridge-status';
import { useNow } from '../clock';
import { connectionStateText } from '../format/labels';
import { useActions, useAttendant } from '../store/context';
import { selectBridgeState, selectConnections } from '../store/selectors';
import { SettingsButton } from './settings/SettingsPage';

/** Always visible: the console service link and every PBX connection, so a dead link is never a surprise. */
export function ConnectionBar() {
  const connections = useAttendant(selectConnections);
  const bridge = useAttendant(selectBridgeState);
  return (
    <header className="connection-bar">
      <BridgeIndicator state={bridge} />
      <ul className="connection-list" aria-label="PBX connections">
        {connections.map((status) => (
          <ConnectionItem key={status.id} status={status} />
        ))}
      </ul>
      <SettingsButton />
    </header>
  );
}

const BRIDGE_TEXT: Record<BridgeState, string> = {
  connected: 'Console service connected',
  connecting: 'Connecting to the console service…',
  reconnecting: 'Console service unreachable — reconnecting',
};

function BridgeIndicator({ state }: { state: BridgeState }) {
  return (
    <div className={`bridge-state bridge-state--${state}`} role={state === 'reconnecting' ? 'alert' : 'status'}>
      {BRIDGE_TEXT[state]}
    </div>
  );
}

function ConnectionItem({ status }: { status: ConnectionStatus }) {
  const { reconnectConnection } = useActions();
  return (
    <li className={`connection connection--${status.state}`} aria-label={status.label}>
      <span className="connection__label">{status.label}</span>
      <span className="connection__state">
        {status.state === 'offline' && status.retryAt !== undefined ? (
          <OfflineCountdown status={status} />
        ) : (
          connectionStateText(status, status.since)
        )}
      </span>
      {status.detail && <span className="connection__detail">{status.detail}</span>}
      {status.facts?.map((fact) => (
        <span key={fact.label} className="connection__fact">
          {fact.label}: {fact.value}
        </span>
      ))}
      {status.state === 'offline' && (
        <button type="button" onClick={() => void reconnectConnection(status.id)}>
          Reconnect now
        </button>
      )}
    </li>
  );
}

/** Separate so only this text re-renders every second. */
function OfflineCountdown({ status }: { status: ConnectionStatus }) {
  const now = useNow();
  return <>{connectionStateText(status, now)}</>;
}

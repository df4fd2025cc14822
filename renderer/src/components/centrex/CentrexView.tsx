import './centrex.css';
import { memo } from 'react';
import { useAttendant } from '../../store/context';
import { CallRow } from '../CallRow';
import { selectCentrexExtensions, type ExtensionCalls } from './centrex-selectors';

/**
 * A whole PortaSIP Centrex on one screen: each watched extension with its
 * calls. The rows are the console's own CallRow, so every call offers
 * exactly the actions PortaSIP allows on it now. Shown only when a PortaSIP
 * connection is configured.
 */
export function CentrexView() {
  const extensions = useAttendant(selectCentrexExtensions);
  if (extensions.length === 0) return null;
  const busy = extensions.filter((e) => e.activity !== 'Idle').length;
  return (
    <section className="panel centrex" aria-labelledby="centrex-heading">
      <h2 id="centrex-heading">Centrex</h2>
      <p className="muted">
        {extensions.length} extensions, {busy} in a call
      </p>
      <ul role="list" className="centrex__extensions" aria-labelledby="centrex-heading">
        {extensions.map((extension) => (
          <Extension key={extension.line.id} extension={extension} />
        ))}
      </ul>
    </section>
  );
}

const Extension = memo(function Extension({ extension }: { extension: ExtensionCalls }) {
  const { line, callIds, activity } = extension;
  const headingId = `centrex-ext-${line.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <li className={`centrex__extension centrex__extension--${activity.replace(' ', '-').toLowerCase()}`} aria-labelledby={headingId}>
      <h3 id={headingId} className="centrex__title">
        <span className="centrex__label">{line.label}</span> <span className="centrex__number">{line.number}</span>{' '}
        <span className="centrex__activity">{activity}</span>
      </h3>
      {callIds.length > 0 && (
        <ul role="list" className="call-list" aria-label={`Calls of ${line.label}`}>
          {callIds.map((id) => (
            <CallRow key={id} callId={id} />
          ))}
        </ul>
      )}
    </li>
  );
});

import { useAttendant } from '../store/context';
import { selectCallIds, selectHasSnapshot } from '../store/selectors';
import { CallRow } from './CallRow';

export function CallList() {
  const callIds = useAttendant(selectCallIds);
  const hasSnapshot = useAttendant(selectHasSnapshot);
  return (
    <section className="panel calls" aria-labelledby="calls-heading">
      <h2 id="calls-heading">Calls</h2>
      {callIds.length === 0 && <p className="muted">{hasSnapshot ? 'No calls right now.' : 'Waiting for the console service…'}</p>}
      <ul role="list" className="call-list" aria-labelledby="calls-heading">
        {callIds.map((id) => (
          <CallRow key={id} callId={id} />
        ))}
      </ul>
    </section>
  );
}

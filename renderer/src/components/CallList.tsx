import { useT } from '../i18n/language';
import { useAttendant } from '../store/context';
import { selectCallIds, selectHasSnapshot } from '../store/selectors';
import { CallRow } from './CallRow';

export function CallList() {
  const callIds = useAttendant(selectCallIds);
  const hasSnapshot = useAttendant(selectHasSnapshot);
  const t = useT();
  return (
    <section className="panel calls" aria-labelledby="calls-heading">
      <h2 id="calls-heading">{t('call.list.heading')}</h2>
      {callIds.length === 0 && <p className="muted">{t(hasSnapshot ? 'call.list.empty' : 'call.list.waiting')}</p>}
      <ul role="list" className="call-list" aria-labelledby="calls-heading">
        {callIds.map((id) => (
          <CallRow key={id} callId={id} />
        ))}
      </ul>
    </section>
  );
}

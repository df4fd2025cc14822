import type { Call } from '../../../app/model';
import { useNow } from '../clock';
import { formatDuration } from '../format/time';
import { useT } from '../i18n/language';

/** Talk time since connected; before that, how long it has been ringing / dialing. */
export function CallDuration({ call }: { call: Pick<Call, 'connectedAt' | 'startedAt'> }) {
  const now = useNow();
  const t = useT();
  const since = call.connectedAt ?? call.startedAt;
  const label = t(call.connectedAt !== undefined ? 'call.talkTime' : 'call.waitingTime');
  return (
    <span className="call__duration" title={label}>
      <span className="visually-hidden">{label} </span>
      {formatDuration((now - since) / 1000)}
    </span>
  );
}

import { useMessageText, useT } from '../i18n/language';
import { useActions, useAttendant } from '../store/context';
import { selectNotices } from '../store/selectors';

/** Refused commands, in words, until the receptionist dismisses them. */
export function Notices() {
  const notices = useAttendant(selectNotices);
  const { dismissNotice } = useActions();
  const t = useT();
  const messageText = useMessageText();
  if (notices.length === 0) return null;
  return (
    <section className="notices" aria-label={t('notice.region')}>
      {notices.map((notice) => (
        <div key={notice.id} className="notice" role="alert">
          <span className="notice__text">{messageText(notice.text)}</span>
          <button type="button" onClick={() => dismissNotice(notice.id)}>
            {t('notice.dismiss')}
          </button>
        </div>
      ))}
    </section>
  );
}

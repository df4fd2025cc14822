import { useMessageText, useT } from '../i18n/language';
import { useActions, useAttendant } from '../store/context';
import { selectNotices } from '../store/selectors';

/**
 * Newest first, at most three (notice-slice.ts). Floats above the work
 * surface so a notice coming or going never moves a call row under the
 * pointer. An error is an alert and stays until dismissed; information is
 * a polite status and clears itself.
 */
export function Notices() {
  const notices = useAttendant(selectNotices);
  const { dismissNotice } = useActions();
  const t = useT();
  const messageText = useMessageText();
  if (notices.length === 0) return null;
  return (
    <section className="notices" aria-label={t('notice.region')}>
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice--${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          <span className="notice__text">{messageText(notice.text)}</span>
          <button type="button" onClick={() => dismissNotice(notice.id)}>
            {t('notice.dismiss')}
          </button>
        </div>
      ))}
    </section>
  );
}

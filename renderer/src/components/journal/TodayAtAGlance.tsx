import type { JournalFigures, LineFigures } from '../../../../app/journal';
import { formatDuration } from '../../format/time';
import { useT } from '../../i18n/language';

/** Today at a glance: answered, missed, average and longest wait to answer, per line and in all. */
export function TodayAtAGlance({ figures, showLines }: { figures: JournalFigures; showLines: boolean }) {
  const t = useT();
  const rows: LineFigures[] = showLines ? [...figures.lines, figures.total] : [figures.total];
  const wait = (seconds: number | null) => (seconds === null ? t('journal.today.none') : formatDuration(seconds));
  return (
    <div className="journal-today">
      <h3 id="journal-today-heading">{t('journal.today.heading')}</h3>
      <table aria-labelledby="journal-today-heading">
        <thead>
          <tr>
            <th scope="col">{t('journal.today.line')}</th>
            <th scope="col">{t('journal.today.answered')}</th>
            <th scope="col">{t('journal.today.missed')}</th>
            <th scope="col">{t('journal.today.averageWait')}</th>
            <th scope="col">{t('journal.today.longestWait')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.lineId || 'all'}>
              <th scope="row">{row.lineId === '' ? t('journal.today.all') : row.label || row.lineId}</th>
              <td>{row.answered}</td>
              <td>{row.missed}</td>
              <td>{wait(row.averageWaitSeconds)}</td>
              <td>{wait(row.longestWaitSeconds)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

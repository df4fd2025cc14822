import { agentChoices, agentKeyTarget, type AgentLine } from '../../../app/agent';
import type { LineFigures } from '../../../app/journal';
import { formatDuration, formatWallClock } from '../format/time';
import { useLanguage, useT } from '../i18n/language';
import { useActions, useAttendant } from '../store/context';
import { selectIsLineKnown, selectKeyBindings } from '../store/selectors';
import { KeyHint } from './KeyHint';

/**
 * An agent line's state and the states it can switch to now (log in, ready,
 * not ready, log out — never 'busy', which the PBX sets). Changes made at
 * the phone or by a supervisor arrive as line patches and show at once.
 * While the connection is not online the state is unknown: no buttons.
 */
export function AgentControl({ line }: { line: AgentLine }) {
  const t = useT();
  const { setAgentState } = useActions();
  const known = useAttendant(selectIsLineKnown(line.id));
  const keys = useAttendant(selectKeyBindings).agentReady;
  const figures = useAttendant((s) => s.journalView.figures?.lines.find((row) => row.lineId === line.id));
  const { agent } = line;
  if (!known) {
    return (
      <div className="agent" role="group" aria-label={t('queues.agent.heading')}>
        <p className="muted">{t('queues.agent.unknown')}</p>
      </div>
    );
  }
  const keyTarget = agentKeyTarget(agent);
  return (
    <div className="agent" role="group" aria-label={t('queues.agent.heading')}>
      <p className="agent__state" aria-live="polite">
        {t('queues.agent.current', { state: t(`queues.agent.state.${agent.state}`) })}
      </p>
      <div className="line-toggles">
        {agentChoices(agent).map((state) => (
          <button
            key={state}
            type="button"
            onClick={() => void setAgentState(line, state)}
            aria-keyshortcuts={state === keyTarget && keys[0] ? keys[0] : undefined}
          >
            {t(`queues.agent.set.${state}`)}
            {state === keyTarget && keys[0] && <KeyHint chordText={keys[0]} />}
          </button>
        ))}
      </div>
      {agent.statistics && <AgentFigures line={line} console={figures} />}
    </div>
  );
}

/** The PBX's counts for the agent beside the console's own (today, from the journal) for the same line. */
function AgentFigures({ line, console: today }: { line: AgentLine; console: LineFigures | undefined }) {
  const t = useT();
  const language = useLanguage();
  const stats = line.agent.statistics;
  if (!stats) return null;
  const wait = (seconds: number | null | undefined) =>
    seconds === null || seconds === undefined ? t('journal.today.none') : formatDuration(seconds);
  const headingId = `agent-stats-${line.id}`;
  return (
    <table className="agent__stats" aria-labelledby={headingId}>
      <caption id={headingId}>{t('queues.stats.heading')}</caption>
      <thead>
        <tr>
          <td />
          <th scope="col">
            {stats.since ? t('queues.stats.since', { since: formatWallClock(stats.since, language) }) : t('queues.agent.heading')}
          </th>
          <th scope="col">{t('journal.today.heading')}</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">{t('queues.stats.offered')}</th>
          <td>{stats.offered}</td>
          <td>{today ? today.answered + today.missed : t('journal.today.none')}</td>
        </tr>
        <tr>
          <th scope="row">{t('queues.stats.answered')}</th>
          <td>{stats.answered}</td>
          <td>{today ? today.answered : t('journal.today.none')}</td>
        </tr>
        <tr>
          <th scope="row">{t('queues.stats.abandoned')}</th>
          <td>{stats.abandoned}</td>
          <td>{today ? today.missed : t('journal.today.none')}</td>
        </tr>
        <tr>
          <th scope="row">{t('queues.stats.averageWait')}</th>
          <td>{wait(stats.averageWaitSeconds)}</td>
          <td>{wait(today?.averageWaitSeconds)}</td>
        </tr>
        <tr>
          <th scope="row">{t('queues.stats.longestWait')}</th>
          <td>{wait(stats.longestWaitSeconds)}</td>
          <td>{wait(today?.longestWaitSeconds)}</td>
        </tr>
      </tbody>
    </table>
  );
}

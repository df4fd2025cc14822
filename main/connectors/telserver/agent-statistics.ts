/**
 * TelServer's 'total' user statistics (queryUserStatistics) for an agent
 * line, as the console shows them beside its own journal counts. The
 * document's example lists every counter; a PBX may leave some out, so a
 * missing count is 0 and a missing duration is unknown. Durations are
 * "HH:MM:SS" (hours may exceed 24).
 */
import type { AgentStatistics } from '../../../app/model';
import type { TsTree } from './messages';
import { TsCodecError } from './xml';

/** How often an agent line's statistics are read again. */
export const AGENT_STATISTICS_PERIOD_MS = 30_000;

function text(tree: TsTree, name: string): string | undefined {
  const value = tree[name];
  return typeof value === 'string' ? value.trim() : undefined;
}

/** A count the PBX gave, 0 when it left it out; one it wrote that is no count (-5, abc, 1.5) is an error, never a 0 shown as fact. */
function count(tree: TsTree, name: string): number {
  const written = text(tree, name);
  if (written === undefined || written === '') return 0;
  const value = /^\d{1,15}$/.test(written) ? Number(written) : NaN;
  if (!Number.isSafeInteger(value)) throw new TsCodecError(`${name} is not a count: ${written.slice(0, 40)}`);
  return value;
}

function seconds(tree: TsTree, name: string): number | undefined {
  const match = /^(\d{1,6}):([0-5]\d):([0-5]\d)$/.exec(text(tree, name) ?? '');
  if (!match) return undefined;
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

/** The agent's incoming calls as the PBX counts them: offered (alerting), answered (connected), abandoned, waits. */
export function agentStatisticsOf(total: TsTree): AgentStatistics {
  const statistics: AgentStatistics = {
    offered: count(total, 'agentIncomingCallsAlertingCount'),
    answered: count(total, 'agentIncomingCallsConnectedCount'),
    abandoned: count(total, 'agentIncomingCallsAbandonedCount'),
  };
  const since = text(total, 'start');
  if (since) statistics.since = since;
  const average = seconds(total, 'agentIncomingCallsAlertingAvgDuration');
  if (average !== undefined) statistics.averageWaitSeconds = average;
  // The document has no agent-only maximum: the line's own longest alerting.
  const longest = seconds(total, 'incomingCallsAlertingMaxDuration');
  if (longest !== undefined) statistics.longestWaitSeconds = longest;
  return statistics;
}

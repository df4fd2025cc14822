/**
 * The demo TelServer's 'total' user statistics (QueryUserStatistics):
 * counts and durations since the front end started, computed from the switch's
 * history of the device, written in the document's element order with the
 * document's formats: counts as integers, durations "HH:MM:SS", percentages
 * as the example prints them. Counters the switch has no notion of are 0.
 */
import type { HistoryRecord } from '../shared/switch';

/** One statistics element: its name and text, in order. */
export type StatisticsField = [name: string, value: string];

function hms(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(total / 3600))}:${two(Math.floor(total / 60) % 60)}:${two(total % 60)}`;
}

/** Local time as the document writes `start` (2009-11-09T11:13:23). */
export function localDateTime(at: number): string {
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** The 'total' statistics of a device since `start`; an agent's counts are the device's (the demo has no direct calls). */
export function totalStatistics(history: readonly HistoryRecord[], start: number, agent: boolean): StatisticsField[] {
  const since = history.filter((r) => r.startedAt >= start);
  const incoming = since.filter((r) => !r.isOutgoing);
  const connected = incoming.filter((r) => r.wasConnected);
  const abandoned = incoming.filter((r) => !r.wasConnected);
  const outgoing = since.filter((r) => r.isOutgoing);
  const outgoingConnected = outgoing.filter((r) => r.wasConnected);
  const sum = (records: readonly HistoryRecord[], of: (r: HistoryRecord) => number) => records.reduce((total, r) => total + of(r), 0);
  const avg = (records: readonly HistoryRecord[], of: (r: HistoryRecord) => number) =>
    records.length ? sum(records, of) / records.length : 0;
  const max = (records: readonly HistoryRecord[], of: (r: HistoryRecord) => number) => records.reduce((m, r) => Math.max(m, of(r)), 0);
  const alerting = (r: HistoryRecord) => r.alertingMs;
  const talk = (r: HistoryRecord) => r.connectedMs;
  const mine = (records: readonly HistoryRecord[]) => (agent ? records : []);
  const count = (n: number) => String(n);
  return [
    ['start', localDateTime(start)],
    ['incomingCallsFailedCount', '0'],
    ['incomingCallsAlertingCount', count(incoming.length)],
    ['agentIncomingCallsAlertingCount', count(mine(incoming).length)],
    ['incomingCallsConnectedCount', count(connected.length)],
    ['agentIncomingCallsConnectedCount', count(mine(connected).length)],
    ['incomingCallsAbandonedCount', count(abandoned.length)],
    ['agentIncomingCallsAbandonedCount', count(mine(abandoned).length)],
    ['incomingCallsAlertingDuration', hms(sum(incoming, alerting))],
    ['incomingCallsAlertingAvgDuration', hms(avg(incoming, alerting))],
    ['incomingCallsAlertingMaxDuration', hms(max(incoming, alerting))],
    ['agentIncomingCallsAlertingDuration', hms(sum(mine(incoming), alerting))],
    ['agentIncomingCallsAlertingAvgDuration', hms(avg(mine(incoming), alerting))],
    ['incomingCallsConnectedDuration', hms(sum(connected, talk))],
    ['incomingCallsConnectedAvgDuration', hms(avg(connected, talk))],
    ['incomingCallsConnectedMaxDuration', hms(max(connected, talk))],
    ['agentIncomingCallsConnectedDuration', hms(sum(mine(connected), talk))],
    ['agentIncomingCallsConnectedAvgDuration', hms(avg(mine(connected), talk))],
    ['outgoingCallsOriginatedCount', count(outgoing.length)],
    ['agentOutgoingCallsOriginatedCount', count(mine(outgoing).length)],
    ['outgoingCallsConnectedCount', count(outgoingConnected.length)],
    ['agentOutgoingCallsConnectedCount', count(mine(outgoingConnected).length)],
    ['outgoingCallsConnectedDuration', hms(sum(outgoingConnected, talk))],
    ['outgoingCallsConnectedAvgDuration', hms(avg(outgoingConnected, talk))],
    ['outgoingCallsConnectedMaxDuration', hms(max(outgoingConnected, talk))],
    ['agentOutgoingCallsConnectedDuration', hms(sum(mine(outgoingConnected), talk))],
    ['agentOutgoingCallsConnectedAvgDuration', hms(avg(mine(outgoingConnected), talk))],
  ];
}

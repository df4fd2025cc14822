import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentStatisticsOf } from './agent-statistics';
import { decodeReturn } from './codec';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

describe('agent statistics', () => {
  it('reads the document’s total user statistics example (QueryUserStatistics, example 2)', () => {
    // The document's example stops before its closing </TelServiceReturn> (the codec refuses it as printed).
    const reply = decodeReturn(`${fixture('result-queryUserStatistics-2.xml').trimEnd()}\n</TelServiceReturn>`);
    if (reply.kind !== 'result' || reply.result.type !== 'userStatistics') throw new Error('not statistics');
    expect(reply.result.statisticsType).toBe('total');
    expect(agentStatisticsOf(reply.result.data)).toEqual({
      since: '2009-11-09T11:13:23',
      offered: 0,
      answered: 0,
      abandoned: 0,
      averageWaitSeconds: 0,
      longestWaitSeconds: 0,
    });
  });

  it('counts and durations as the PBX writes them; missing counts are 0, bad counts an error, bad durations unknown', () => {
    expect(
      agentStatisticsOf({
        agentIncomingCallsAlertingCount: '12',
        agentIncomingCallsConnectedCount: '9',
        agentIncomingCallsAbandonedCount: '3',
        agentIncomingCallsAlertingAvgDuration: '00:00:14',
        incomingCallsAlertingMaxDuration: '26:01:05',
      }),
    ).toEqual({ offered: 12, answered: 9, abandoned: 3, averageWaitSeconds: 14, longestWaitSeconds: 93_665 });
    expect(agentStatisticsOf({ agentIncomingCallsAlertingAvgDuration: '14 s' })).toEqual({ offered: 0, answered: 0, abandoned: 0 });
    // A count written but not a count is no 0 to show as fact: the read fails, and the figures shown before stay.
    for (const bad of ['-5', 'abc', '1.5', '1e3'])
      expect(() => agentStatisticsOf({ agentIncomingCallsAlertingCount: bad }), bad).toThrow(
        /agentIncomingCallsAlertingCount is not a count/,
      );
  });
});

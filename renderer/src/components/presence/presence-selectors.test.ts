import { describe, expect, it } from 'vitest';
import type { Colleague } from '../../../../app/model';
import type { AttendantState } from '../../store/types';
import { matchesColleague, selectColleagueOrder } from './presence-selectors';

const colleague = (id: string, name: string, activity: Colleague['activity'] = 'idle'): Colleague => ({
  id,
  connectionId: 'c',
  name,
  number: id,
  registered: true,
  activity,
  calls: [],
});
const stateWith = (colleagues: Colleague[]) =>
  ({ console: { colleagues: Object.fromEntries(colleagues.map((c) => [c.id, c])) } }) as unknown as AttendantState;

describe('presence grid selectors', () => {
  it('sorts by name and keeps the same order array while only presence changes', () => {
    const first = selectColleagueOrder(stateWith([colleague('2', 'Bea'), colleague('1', 'Ann')]));
    expect(first).toEqual(['1', '2']);
    expect(selectColleagueOrder(stateWith([colleague('2', 'Bea', 'busy'), colleague('1', 'Ann')]))).toBe(first);
    expect(selectColleagueOrder(stateWith([colleague('2', 'Aaron'), colleague('1', 'Ann')]))).toEqual(['2', '1']);
  });

  it('matches by name, number or group', () => {
    expect(matchesColleague({ ...colleague('1102', 'Maria Lind'), group: 'Sales' }, 'sal')).toBe(true);
    expect(matchesColleague(colleague('1102', 'Maria Lind'), '110')).toBe(true);
    expect(matchesColleague(colleague('1102', 'Maria Lind'), 'kuusk')).toBe(false);
  });

  it('matches a name or group whatever its accents, as the finder does', () => {
    expect(matchesColleague(colleague('1103', 'Tiina Põld'), 'pold')).toBe(true);
    expect(matchesColleague(colleague('1104', 'Jürgen Müller'), 'MULLER')).toBe(true);
    expect(matchesColleague({ ...colleague('1105', 'Anna Berg'), group: 'Müük' }, 'muuk')).toBe(true);
    expect(matchesColleague(colleague('1103', 'Tiina Põld'), 'põld')).toBe(true);
  });
});

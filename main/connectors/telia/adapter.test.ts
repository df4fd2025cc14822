/**
 * The Telia adapter's routing of notifications: which line a called number
 * (bnr) belongs to and which name a caller gets — read once per number
 * (bounded memo, lookups by number), so these check that what it remembers
 * follows the lines and the phonebook when they change; and a call's life
 * from Start to its end, kept by line and caller.
 */
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../app/events';
import type { Call } from '../../../app/model';
import { TeliaAdapter } from './adapter';
import type { TeliaNotification } from './messages';

const adapter = () => new TeliaAdapter({ connectionId: 'tl', label: 'Telia', country: 'EE' }, () => 0);

function notification(fields: Partial<TeliaNotification>): TeliaNotification {
  return { ts: 1_328_150_351, anr: '37262000001', bnr: '372620000002', fn: '', type: 'Start', answered: false, ...fields };
}

function ringing(events: DomainEvent[]): Call | undefined {
  const upserted = events.find((e) => e.type === 'callUpserted');
  return upserted?.type === 'callUpserted' ? upserted.call : undefined;
}

describe('TeliaAdapter notifications', () => {
  it('a called number in any of the forms Telia writes reaches its line; a number that is not ours reaches none', () => {
    const telia = adapter();
    telia.replaceLines(['6403231', '372620000002']);
    expect(ringing(telia.applyNotification(notification({ bnr: '3726403231' })))?.lineId).toBe('tl/6403231');
    expect(ringing(telia.applyNotification(notification({ bnr: '6403231', anr: '37255000002' })))?.lineId).toBe('tl/6403231');
    expect(ringing(telia.applyNotification(notification({ bnr: '372620000002' })))?.lineId).toBe('tl/372620000002');
    expect(telia.applyNotification(notification({ bnr: '3726409999' }))).toEqual([]);
  });

  it('after the own numbers change, a number no longer listed reaches nothing and a new one does', () => {
    const telia = adapter();
    telia.replaceLines(['6403231']);
    expect(ringing(telia.applyNotification(notification({ bnr: '3726403231' })))).toBeDefined();
    telia.replaceLines(['6403232']);
    expect(telia.applyNotification(notification({ bnr: '3726403231', ts: 1_328_150_400 }))).toEqual([]);
    expect(ringing(telia.applyNotification(notification({ bnr: '3726403232' })))?.lineId).toBe('tl/6403232');
  });

  it("a caller without Telia's fn is named from the phonebook as it is now, in any written form", () => {
    const telia = adapter();
    telia.replaceLines(['6403231']);
    telia.setPhonebook([{ id: '1', displayName: 'Tiina Põld', phoneNumber1: '55123456' }]);
    const first = ringing(telia.applyNotification(notification({ bnr: '6403231', anr: '37255123456' })));
    expect(first?.remote).toEqual({ number: '+37255123456', name: 'Tiina Põld' });
    telia.applyNotification(notification({ bnr: '6403231', anr: '37255123456', type: 'Missed' }));
    telia.setPhonebook([{ id: '2', displayName: 'Mart Kask', phoneNumber1: '+37255123456', phoneNumber2: '6403000' }]);
    const second = ringing(telia.applyNotification(notification({ bnr: '6403231', anr: '55123456', ts: 1_328_150_500 })));
    expect(second?.remote).toEqual({ number: '+37255123456', name: 'Mart Kask' });
    telia.applyNotification(notification({ bnr: '6403231', anr: '55123456', type: 'Missed' }));
    telia.setPhonebook([]);
    const third = ringing(telia.applyNotification(notification({ bnr: '6403231', anr: '37255123456', ts: 1_328_150_600 })));
    expect(third?.remote).toEqual({ number: '+37255123456' });
  });

  it("Telia's fn wins over the phonebook", () => {
    const telia = adapter();
    telia.replaceLines(['6403231']);
    telia.setPhonebook([{ id: '1', displayName: 'Tiina Põld', phoneNumber1: '55123456' }]);
    const call = ringing(telia.applyNotification(notification({ bnr: '6403231', anr: '37255123456', fn: 'Turvateenistus Alfastar AS' })));
    expect(call?.remote.name).toBe('Turvateenistus Alfastar AS');
  });

  it('a call lives from its Start to its end, per line and caller: answered keeps its id, the published call is never edited', () => {
    const telia = adapter();
    telia.replaceLines(['6403231', '6403232']);
    const first = ringing(telia.applyNotification(notification({ bnr: '6403231', anr: '37255123456' })));
    // The same caller on the other line is another call.
    const other = ringing(telia.applyNotification(notification({ bnr: '6403232', anr: '37255123456', ts: 1_328_150_352 })));
    expect(first?.state).toBe('ringing');
    expect(other?.id).not.toBe(first?.id);
    const answered = ringing(
      telia.applyNotification(notification({ bnr: '6403231', anr: '37255123456', ts: 1_328_150_360, answered: true })),
    );
    expect(answered).toMatchObject({ id: first?.id, state: 'connected', connectedAt: 1_328_150_360_000, startedAt: 1_328_150_351_000 });
    expect(first).toMatchObject({ state: 'ringing' });
    expect(first?.connectedAt).toBeUndefined();
    expect(telia.liveCalls().map((call) => call.id)).toEqual([first?.id, other?.id]);
    const ended = telia.applyNotification(
      notification({ bnr: '6403231', anr: '37255123456', ts: 1_328_150_400, type: 'End', answered: true }),
    );
    expect(ended).toEqual([
      { type: 'callUpserted', call: answered },
      { type: 'callEnded', callId: first?.id, at: 1_328_150_400_000 },
    ]);
    expect(telia.liveCalls().map((call) => call.id)).toEqual([other?.id]);
  });

  it('a call first seen answered is connected from its first upsert; expiring and new own numbers forget live calls', () => {
    const telia = adapter();
    telia.replaceLines(['6403231', '6403232']);
    const call = ringing(telia.applyNotification(notification({ bnr: '6403231', answered: true })));
    expect(call).toMatchObject({ state: 'connected', connectedAt: 1_328_150_351_000 });
    const other = ringing(telia.applyNotification(notification({ bnr: '6403232', anr: '37255000009' })));
    expect(telia.expire(call?.id ?? '')).toEqual([{ type: 'callEnded', callId: call?.id, at: 0 }]);
    expect(telia.expire(call?.id ?? '')).toEqual([]);
    expect(telia.liveCalls().map((live) => live.id)).toEqual([other?.id]);
    telia.replaceLines(['6403232']);
    expect(telia.liveCalls()).toEqual([]);
  });
});

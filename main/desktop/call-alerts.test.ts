import { describe, expect, it, vi } from 'vitest';
import { createTranslator, type Translator } from '../../app/i18n/translator';
import { alertContent, ANSWER_ON_PHONE, CallAlerts, type AlertActions, type AlertContent, type AlertPreferences } from './call-alerts';
import { call, connection, consoleState, line } from '../../app/testing/fixtures';

const en = createTranslator('en');
const de = createTranslator('de');

function setup(preferences: AlertPreferences = { enabled: true, doNotDisturb: false }) {
  const language: { t: Translator } = { t: en };
  const shown: { callId: string; content: AlertContent; closed: boolean; actions: AlertActions }[] = [];
  const answer = vi.fn();
  const focusCall = vi.fn();
  const prefs = { ...preferences };
  const alerts = new CallAlerts({
    show: (callId, content, actions) => {
      const entry = { callId, content, closed: false, actions };
      shown.push(entry);
      return { close: () => void (entry.closed = true) };
    },
    preferences: () => prefs,
    answer,
    focusCall,
    translator: () => language.t,
  });
  const open = () => shown.filter((s) => !s.closed);
  return { alerts, shown, open, answer, focusCall, prefs, language };
}

const base = { connections: [connection({ id: 'pbx', state: 'online' })], lines: [line({ id: 'pbx/100', label: 'Reception' })] };
const ringing = call({ id: 'pbx/100#1', remote: { number: '+3725123456' } });

describe('call alerts', () => {
  it('shows one alert for a call ringing here, and not again on every update', () => {
    const { alerts, shown } = setup();
    alerts.update(consoleState({ ...base, calls: [ringing] }));
    alerts.update(consoleState({ ...base, calls: [ringing] }));
    expect(shown).toHaveLength(1);
    expect(shown[0].content).toEqual({ title: '+3725123456 is calling', body: 'on Reception', answerable: true });
  });

  it("replaces the alert when the caller's name arrives", () => {
    const { alerts, shown, open } = setup();
    alerts.update(consoleState({ ...base, calls: [ringing] }));
    alerts.update(
      consoleState({ ...base, calls: [{ ...ringing, remote: { number: '+3725123456', name: 'Kalev Kask', company: 'Kask OÜ' } }] }),
    );
    expect(shown).toHaveLength(2);
    expect(shown[0].closed).toBe(true);
    expect(open().map((s) => s.content)).toEqual([
      { title: 'Kalev Kask is calling', body: '+3725123456 · Kask OÜ · on Reception', answerable: true },
    ]);
  });

  it.each([
    ['answered here or elsewhere', { ...ringing, state: 'connected' as const }],
    ['diverted away (gone from this line)', undefined],
  ])('closes the alert when the call is %s', (_why, next) => {
    const { alerts, open } = setup();
    alerts.update(consoleState({ ...base, calls: [ringing] }));
    alerts.update(consoleState({ ...base, calls: next ? [next] : [] }));
    expect(open()).toHaveLength(0);
    expect(alerts.shownCallIds).toEqual([]);
  });

  it('never alerts for outgoing calls or calls that are not ringing', () => {
    const { alerts, shown } = setup();
    alerts.update(
      consoleState({ ...base, calls: [call({ id: 'a', direction: 'outgoing', state: 'ringback' }), call({ id: 'b', state: 'held' })] }),
    );
    expect(shown).toHaveLength(0);
  });

  it('do-not-disturb suppresses new alerts and closes those showing; alerts come back when it is lifted', () => {
    const { alerts, shown, open, prefs } = setup();
    alerts.update(consoleState({ ...base, calls: [ringing] }));
    prefs.doNotDisturb = true;
    alerts.update(consoleState({ ...base, calls: [ringing, call({ id: 'pbx/100#2' })] }));
    expect(open()).toHaveLength(0);
    expect(shown).toHaveLength(1);
    prefs.doNotDisturb = false;
    alerts.update(consoleState({ ...base, calls: [ringing] }));
    expect(open()).toHaveLength(1);
  });

  it('alerts switched off show nothing', () => {
    const { alerts, shown } = setup({ enabled: false, doNotDisturb: false });
    alerts.update(consoleState({ ...base, calls: [ringing] }));
    expect(shown).toHaveLength(0);
  });

  it("routes the alert's Answer and click to that call", () => {
    const { alerts, shown, answer, focusCall } = setup();
    alerts.update(consoleState({ ...base, calls: [ringing] }));
    shown[0].actions.answer!();
    shown[0].actions.show();
    expect(answer).toHaveBeenCalledWith('pbx/100#1');
    expect(focusCall).toHaveBeenCalledWith('pbx/100#1');
  });

  it('says who was dialled and who diverted, and hides a withheld number', () => {
    const content = alertContent(
      call({
        id: 'x',
        lineId: 'pbx/100',
        remote: { number: '' },
        firstCalled: { number: '+3726001000', name: 'Sales' },
        redirectedBy: { number: '1103', name: 'Mart Kuusk' },
      }),
      consoleState(base),
      en,
    );
    expect(content).toEqual({
      title: 'Number withheld is calling',
      body: 'dialled Sales · via Mart Kuusk · on Reception',
      answerable: true,
    });
  });

  it('names the caller and the line as the call row does: a blank name is none, an unlabelled line is its extension', () => {
    const state = consoleState({ ...base, lines: [line({ id: 'pbx/100', number: '100', label: '' })] });
    const content = alertContent(call({ id: 'pbx/100#1', remote: { number: '+3725123456', name: '   ' } }), state, en);
    expect(content.title).toBe('+3725123456 is calling');
    expect(content.body).toBe('on Extension 100');
  });

  it("never alerts for a call on a watched colleague's extension: it rings at the colleague, not here", () => {
    const { alerts, shown } = setup();
    const centrex = { ...base, lines: [...base.lines, line({ id: 'pbx/1103', label: 'Mart Kuusk', watched: true })] };
    alerts.update(consoleState({ ...centrex, calls: [call({ id: 'pbx/1103#1', lineId: 'pbx/1103' })] }));
    expect(shown).toHaveLength(0);
    alerts.update(consoleState({ ...centrex, calls: [call({ id: 'pbx/1103#1', lineId: 'pbx/1103' }), ringing] }));
    expect(shown.map((s) => s.callId)).toEqual(['pbx/100#1']);
  });

  it('never alerts for a call whose connection is not online, and closes its alert when the connection leaves online', () => {
    const { alerts, shown, open } = setup();
    alerts.update(consoleState({ ...base, calls: [ringing] }));
    expect(open()).toHaveLength(1);
    alerts.update(consoleState({ ...base, connections: [connection({ id: 'pbx', state: 'offline' })], calls: [ringing] }));
    expect(open()).toHaveLength(0);
    expect(shown).toHaveLength(1);
  });

  it('a call the console cannot answer (notify-only) rings without an Answer action and says to answer on the phone', () => {
    const { alerts, shown, focusCall } = setup();
    alerts.update(consoleState({ ...base, calls: [{ ...ringing, actions: [] }] }));
    expect(shown[0].content).toEqual({ title: '+3725123456 is calling', body: 'on Reception · Answer on your phone', answerable: false });
    expect(en(ANSWER_ON_PHONE)).toBe('Answer on your phone');
    expect(shown[0].actions.answer).toBeUndefined();
    shown[0].actions.show();
    expect(focusCall).toHaveBeenCalledWith('pbx/100#1');
  });

  it('replaces the alert when the call becomes answerable here', () => {
    const { alerts, shown, open } = setup();
    alerts.update(consoleState({ ...base, calls: [{ ...ringing, actions: [] }] }));
    alerts.update(consoleState({ ...base, calls: [ringing] }));
    expect(shown).toHaveLength(2);
    expect(open()[0].actions.answer).toBeDefined();
  });

  it("speaks the translator's language", () => {
    const content = alertContent(
      call({
        id: 'x',
        lineId: 'pbx/100',
        remote: { number: '' },
        firstCalled: { number: '+3726001000', name: 'Vertrieb' },
        redirectedBy: { number: '1103', name: 'Mart Kuusk' },
        actions: [],
      }),
      consoleState({ ...base, lines: [line({ id: 'pbx/100', label: 'Empfang' })] }),
      de,
    );
    expect(content).toEqual({
      title: 'Rufnummer unterdrückt ruft an',
      body: 'gewählt: Vertrieb · über Mart Kuusk · auf Empfang · Am Telefon annehmen',
      answerable: false,
    });
  });

  it('redraws the alerts showing when the language changes', () => {
    const { alerts, shown, open, language } = setup();
    const state = consoleState({ ...base, calls: [{ ...ringing, remote: { number: '+3725123456', name: 'Kalev Kask' } }] });
    alerts.update(state);
    language.t = de;
    alerts.update(state);
    expect(shown).toHaveLength(2);
    expect(shown[0].closed).toBe(true);
    expect(open().map((s) => s.content.title)).toEqual(['Kalev Kask ruft an']);
    expect(open()[0].content.body).toBe('+3725123456 · auf Reception');
  });
});

import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../app/i18n/translator';
import { call, connection, consoleState, line } from '../../app/testing/fixtures';
import { trayLook, trayModel } from './tray-state';

const en = createTranslator('en');
const de = createTranslator('de');
const ru = createTranslator('ru');

describe('tray look', () => {
  it('is idle when every connection is online and nothing rings', () => {
    expect(
      trayLook(consoleState({ connections: [connection({ id: 'a', state: 'online' })], calls: [call({ id: 'c', state: 'connected' })] })),
    ).toBe('idle');
  });

  it('is ringing while an incoming call rings or queues, whatever the other links say', () => {
    expect(
      trayLook(
        consoleState({
          connections: [connection({ id: 'a', state: 'offline' }), connection({ id: 'b', state: 'online' })],
          calls: [call({ id: 'b/1#c' })],
        }),
      ),
    ).toBe('ringing');
    expect(
      trayLook(consoleState({ connections: [connection({ id: 'a', state: 'online' })], calls: [call({ id: 'a/1#c', state: 'queued' })] })),
    ).toBe('ringing');
  });

  it('does not ring for a call whose connection is not online: it is unknown', () => {
    expect(trayLook(consoleState({ connections: [connection({ id: 'a', state: 'offline' })], calls: [call({ id: 'a/1#c' })] }))).toBe(
      'offline',
    );
  });

  it("does not ring for a colleague's watched line (the alerts do not count it either)", () => {
    const watched = line({ id: 'ts/1300', number: '1300', watched: true });
    expect(
      trayLook(
        consoleState({ connections: [connection()], lines: [line(), watched], calls: [call({ id: 'ts/1300#c', lineId: 'ts/1300' })] }),
      ),
    ).toBe('idle');
    expect(trayLook(consoleState({ connections: [connection()], lines: [line(), watched], calls: [call({ id: 'ts/1101#c' })] }))).toBe(
      'ringing',
    );
  });

  it('does not ring for our own outgoing call', () => {
    expect(
      trayLook(
        consoleState({
          connections: [connection({ id: 'a', state: 'online' })],
          calls: [call({ id: 'c', direction: 'outgoing', state: 'ringback' })],
        }),
      ),
    ).toBe('idle');
  });

  it('is offline when any connection is not online, or none is configured', () => {
    for (const state of ['connecting', 'pbx-link-down', 'offline', 'stopped'] as const) {
      expect(trayLook(consoleState({ connections: [connection({ id: 'a', state: 'online' }), connection({ id: 'b', state })] }))).toBe(
        'offline',
      );
    }
    expect(trayLook(consoleState({}))).toBe('offline');
  });
});

describe('tray model', () => {
  const state = consoleState({
    connections: [connection({ id: 'b', state: 'pbx-link-down', label: 'Branch' }), connection({ id: 'a', state: 'online', label: 'HQ' })],
    lines: [line({ id: 'a/100' })],
    calls: [call({ id: 'a/100#c1' }), call({ id: 'a/100#c2' })],
  });

  it('says what is happening in the tooltip', () => {
    expect(trayModel(state, { doNotDisturb: false }, en).tooltip).toBe('Attendant Console: 2 calls ringing');
    expect(trayModel({ ...state, calls: { 'a/100#c1': state.calls['a/100#c1'] } }, { doNotDisturb: false }, en).tooltip).toBe(
      'Attendant Console: 1 call ringing',
    );
    expect(
      trayModel(
        consoleState({ connections: [connection({ id: 'b', state: 'offline' }), connection({ id: 'a', state: 'online' })] }),
        { doNotDisturb: true },
        en,
      ).tooltip,
    ).toBe('Attendant Console: 1 of 2 connections not online (do not disturb)');
    expect(trayModel(consoleState({ connections: [connection({ id: 'a', state: 'offline' })] }), { doNotDisturb: false }, en).tooltip).toBe(
      'Attendant Console: 1 of 1 connection not online',
    );
    expect(trayModel(consoleState({ connections: [connection({ id: 'a', state: 'online' })] }), { doNotDisturb: false }, en).tooltip).toBe(
      'Attendant Console: all connections online',
    );
    expect(trayModel(consoleState({}), { doNotDisturb: false }, en).tooltip).toBe('Attendant Console: no connection configured');
  });

  it('offers Show, Do not disturb (checked as set), each connection state and Quit', () => {
    expect(trayModel(state, { doNotDisturb: true }, en).menu).toEqual([
      { type: 'action', label: 'Show', action: 'show' },
      { type: 'action', label: 'Do not disturb', action: 'toggle-dnd', checked: true },
      { type: 'separator' },
      { type: 'info', label: 'Branch: PBX link down' },
      { type: 'info', label: 'HQ: Online' },
      { type: 'separator' },
      { type: 'action', label: 'Quit', action: 'quit' },
    ]);
    expect(trayModel(consoleState({}), { doNotDisturb: false }, en).menu).toContainEqual({ type: 'info', label: 'No connections' });
  });

  // The app's name too is the catalog's (app.title), as in the window title.
  it("speaks the translator's language, with that language's plural forms", () => {
    expect(trayModel(state, { doNotDisturb: false }, de).tooltip).toBe('Vermittlungsplatz: 2 Anrufe klingeln');
    expect(trayModel({ ...state, calls: { 'a/100#c1': state.calls['a/100#c1'] } }, { doNotDisturb: true }, de).tooltip).toBe(
      'Vermittlungsplatz: 1 Anruf klingelt (nicht stören)',
    );
    expect(trayModel(state, { doNotDisturb: true }, de).menu).toEqual([
      { type: 'action', label: 'Anzeigen', action: 'show' },
      { type: 'action', label: 'Nicht stören', action: 'toggle-dnd', checked: true },
      { type: 'separator' },
      { type: 'info', label: 'Branch: TK-Anlage nicht erreichbar' },
      { type: 'info', label: 'HQ: Online' },
      { type: 'separator' },
      { type: 'action', label: 'Beenden', action: 'quit' },
    ]);
    expect(trayModel(state, { doNotDisturb: false }, ru).tooltip).toBe('Пульт секретаря: 2 входящих звонка');
    const five = consoleState({
      connections: [1, 2, 3, 4, 5].map((n) => connection({ id: `c${n}`, state: n === 1 ? 'offline' : 'online' })),
    });
    expect(trayModel(five, { doNotDisturb: false }, ru).tooltip).toBe('Пульт секретаря: 1 из 5 подключений не в сети');
  });
});

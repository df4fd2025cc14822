/**
 * The Telia connector and the core against the demo PBX's Telia front end:
 * real HTTPS (pinned self-signed certificate), real notification GETs to
 * the console's listener, the shared switch, and the fault switches.
 */
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import type { CommandResult } from '../../../app/commands';
import { msg, type Message } from '../../../app/i18n/message';
import { createTranslator } from '../../../app/i18n/translator';
import type { Call, ConnectionFact, ConsoleState, DirectoryEntry } from '../../../app/model';
import { demoPbxConsole } from '../../testing/demo-pbx-console';
import { SEARCH_FRESHNESS_MS } from './connector';
import type { TeliaConnectionConfig } from '../../../app/vendors';

const LINE = 'tl/6403231';
const ENV = 'TELIA_IT_PASSWORD';
const lineCallsOf = (state: ConsoleState): Call[] => Object.values(state.calls).filter((c) => c.lineId === LINE);
const demo = demoPbxConsole({ vendor: 'telia', shownCalls: lineCallsOf });
const { state, until } = demo;

async function start(overrides: Partial<TeliaConnectionConfig> = {}, options: { password?: string; waitOnline?: boolean } = {}) {
  const started = await demo.start({
    env: (pbx) => ({ [ENV]: options.password ?? pbx.telia!.password }),
    connection: (pbx) => ({
      vendor: 'telia',
      id: 'tl',
      label: 'Telia',
      username: pbx.telia!.username,
      passwordEnv: ENV,
      servicesUrl: pbx.telia!.servicesUrl,
      phonebookUrl: pbx.telia!.phonebookUrl,
      tlsFingerprint256: pbx.telia!.fingerprint256,
      country: 'EE',
      requestTimeoutMs: 1500,
      notifications: { mode: 'listen', bindAddress: '127.0.0.1', port: 0, allowedSources: ['127.0.0.1'] },
      ...overrides,
    }),
    awaitState: options.waitOnline === false ? false : 'online',
  });
  return { ...started, telia: started.pbx.telia! };
}

const calls = () => lineCallsOf(state());
const en = createTranslator('en');
/** The connection's status fact with this label. */
const fact = (key: Message['key']): ConnectionFact | undefined => state().connections.tl.facts?.find((f) => f.label.key === key);
/** A fact's value or a refusal's reason, in English. */
const words = (value: string | Message | undefined): string =>
  value === undefined || typeof value === 'string' ? (value ?? '') : en(value);
const refusal = (result: CommandResult): string => (result.ok ? '' : en(result.error));

/** The Telia connection's phonebook entries a directory search finds (the search's answer is a list, or an answer with `entries`). */
async function phonebookSearch(text: string): Promise<DirectoryEntry[]> {
  const answer = await demo.service.searchDirectory({ text });
  const entries: DirectoryEntry[] = Array.isArray(answer) ? answer : answer.entries;
  return entries.filter((entry) => entry.connectionId === 'tl' && entry.editable);
}

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', reject);
  });
}

describe('Telia against the demo PBX', () => {
  it('own numbers become notify-only lines; the listener is registered and shown in the status', async () => {
    const { telia } = await start();
    expect(state().lines[LINE]).toMatchObject({ vendor: 'telia', number: '6403231' });
    expect(state().lines[LINE].capabilities).toEqual([
      'dial',
      'callback-dial',
      'notify-only',
      'history',
      'directory',
      'phonebook',
      'caller-name',
    ]);
    const registered = telia.frontEnd.registrations();
    expect(Object.keys(registered)).toEqual(['3726403231']);
    expect(registered['3726403231']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/telia-notify\/[A-Za-z0-9_-]{32}$/);
    const facts = state().connections.tl.facts ?? [];
    expect(fact('telia.fact.notificationUrl')?.value).toMatch(/telia-notify\/…$/);
    expect(JSON.stringify(facts)).not.toContain(registered['3726403231'].split('/').pop());
  });

  it('incoming call notification → ringing call without actions → missed → history with the caller', async () => {
    const { pbx, service } = await start();
    pbx.control.incomingCall({ from: '+3725123456' });
    await until(() => calls()[0]?.state === 'ringing', 'ringing');
    // The phonebook names the caller (Telia's fn).
    expect(calls()[0]).toMatchObject({ direction: 'incoming', remote: { number: '+3725123456', name: 'Kalev Kask' }, actions: [] });
    expect(await service.execute({ kind: 'answer', callId: calls()[0].id })).toMatchObject({ ok: false });
    pbx.control.remoteHangup({ number: '+3725123456' });
    await until(() => calls().length === 0, 'ended');
    expect(state().journal[0]).toMatchObject({ lineId: LINE, direction: 'incoming', answered: false, remote: { number: '+3725123456' } });
    expect(fact('telia.fact.notifications')?.value).toMatchObject({ key: 'telia.fact.reachable' });
    expect(words(fact('telia.fact.notifications')?.value)).toMatch(/reachable: last notification at/);
  });

  it('a call answered on the desk phone shows connected, then answered in the history', async () => {
    const { pbx } = await start();
    pbx.control.incomingCall({ from: '+4930123456' });
    await until(() => calls()[0]?.state === 'ringing', 'ringing');
    pbx.control.colleagueAnswer('1100');
    await until(() => calls()[0]?.state === 'connected', 'connected');
    pbx.control.remoteHangup({ number: '+4930123456' });
    await until(() => calls().length === 0, 'ended');
    expect(state().journal[0]).toMatchObject({ answered: true, remote: { number: '+4930123456' } });
  });

  it('a forged GET without the secret, or from a wrong source, is refused and changes nothing', async () => {
    const { telia, log } = await start();
    const url = telia.frontEnd.registrations()['3726403231'];
    const base = url.replace(/\/telia-notify\/.*/, '');
    const query = 'ts=1700000000&anr=3725000000&bnr=3726403231&fn=Forged&type=Start&answer=No';
    expect(await get(`${base}/telia-notify/wrongsecret?${query}`)).toBe(404);
    expect(await get(`${base}/?${query}`)).toBe(404);
    expect(await get(`${url}?ts=bad`)).toBe(400);
    expect(calls()).toEqual([]);
    expect(log.entries.some((e) => /notification refused/.test(e.message))).toBe(true);
  });

  it('notifications from a source that is not allowed are refused: its connection is closed before a word is read', async () => {
    const { pbx } = await start({ notifications: { mode: 'listen', bindAddress: '127.0.0.1', port: 0, allowedSources: ['84.50.42.87'] } });
    pbx.control.incomingCall({ from: '+3725123456' });
    await until(() => pbx.telia!.frontEnd.sent.length > 0, 'sent');
    await new Promise((resolve) => setTimeout(resolve, 300));
    // No HTTP answer at all: the sender saw its connection reset.
    expect(pbx.telia!.frontEnd.sent[0].status).toBe('failed');
    expect(calls()).toEqual([]);
  });

  it('click-to-call: accepted with "Ringing your phone…"; the own number is sent as E.164 without +', async () => {
    const { pbx, service } = await start();
    const result = await service.execute({ kind: 'dial', lineId: LINE, to: '5123 456' });
    expect(result).toEqual({ ok: true, notice: msg('command.ringingYourPhone') });
    expect(result.ok && result.notice && en(result.notice)).toBe('Ringing your phone…');
    expect(pbx.switch.deviceView('1100').groups[0]?.primary.other.number).toBe('+3725123456');
  });

  it('a number Telia cannot dial: ERR1001 in words', async () => {
    const { service } = await start();
    const result = await service.execute({ kind: 'dial', lineId: LINE, to: '99' });
    expect(result).toEqual({ ok: false, error: msg('telia.service.ERR1001'), code: 'ERR1001' });
    expect(refusal(result)).toBe('Telia could not make the call (ERR1001 dialing error).');
  });

  it('wrong password: ERR001 in words, offline, no crash', async () => {
    await start({}, { password: 'wrong', waitOnline: false });
    await until(() => state().connections.tl?.state === 'offline', 'offline');
    expect(state().connections.tl.detail).toEqual(msg('telia.service.ERR001'));
    expect(words(state().connections.tl.detail)).toMatch(/did not accept the user name or password \(ERR001\)/);
  });

  it('call history: existing records are merged; polling mode finds new records once each', async () => {
    const { pbx } = await start({ notifications: { mode: 'poll', intervalSeconds: 5 } });
    // Ensure the history poll is fast in this test: the minimum the config allows is 5 s.
    pbx.control.incomingCall({ from: '+3726654321' });
    await new Promise((r) => setTimeout(r, 50));
    pbx.control.remoteHangup({ number: '+3726654321' });
    await until(() => state().journal.some((j) => j.remote.number === '+3726654321'), 'polled record', 12_000);
    const entries = state().journal.filter((j) => j.remote.number === '+3726654321');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ answered: false, source: 'vendor', remote: { name: 'Tiina Pold' } });
    expect(state().connections.tl.facts?.[0]).toEqual({
      label: msg('telia.fact.callAlerts'),
      value: msg('telia.fact.polling', { seconds: 5 }),
    });
    expect(words(state().connections.tl.facts?.[0]?.value)).toBe('polling the call history every 5 s');
    // The time travels as epoch ms and the reader's catalog formats it: 12-hour in English, 24-hour in German.
    await until(() => /^\d\d:\d\d:\d\d\s[AP]M$/.test(words(fact('telia.fact.lastPoll')?.value)), 'second poll', 12_000);
    expect(fact('telia.fact.lastPoll')?.value).toEqual(msg('telia.fact.pollTime', { time: expect.any(Number) as number }));
    expect(createTranslator('de')(msg('telia.fact.pollTime', { time: Date.UTC(2024, 2, 5, 14, 5) }))).toMatch(/^\d\d:05:00$/);
    expect(state().journal.filter((j) => j.remote.number === '+3726654321')).toHaveLength(1);
  }, 30_000);

  it('phonebook: add, edit, delete; unknown id is ERR1002; a bad character is caught before sending', async () => {
    const { pbx, service } = await start();
    const frontEnd = pbx.telia!.frontEnd;
    expect(
      await service.execute({ kind: 'phonebookSave', connectionId: 'tl', entry: { name: 'Jüri Õun', number: '+3725011122' } }),
    ).toMatchObject({ ok: false });
    const before = frontEnd.requests.length;
    const bad = await service.execute({ kind: 'phonebookSave', connectionId: 'tl', entry: { name: 'Łukasz', number: '+3725011122' } });
    expect(bad).toEqual({ ok: false, error: msg('telia.phonebook.nameCharacters', { characters: 'Ł' }) });
    expect(refusal(bad)).toMatch(/only ASCII .* õ, ü, ö, ä — not: Ł/);
    expect(frontEnd.requests.length).toBe(before);

    expect(
      await service.execute({ kind: 'phonebookSave', connectionId: 'tl', entry: { name: 'Jüri Oun', number: '+3725011122' } }),
    ).toEqual({ ok: true });
    const [added] = await phonebookSearch('Jüri');
    expect(added).toMatchObject({ name: 'Jüri Oun', number: '+3725011122', editable: true, connectionId: 'tl' });
    expect(frontEnd.phonebookEntries().find((e) => e.id === added.entryId)?.phoneNumber1).toBe('3725011122');

    expect(
      await service.execute({
        kind: 'phonebookSave',
        connectionId: 'tl',
        entry: { entryId: added.entryId, name: 'Jüri Oun AS', number: '+3725011122' },
      }),
    ).toEqual({ ok: true });
    expect((await phonebookSearch('Jüri'))[0]).toMatchObject({ name: 'Jüri Oun AS' });

    // The new name is used for the next incoming call.
    pbx.control.incomingCall({ from: '+3725011122' });
    await until(() => calls()[0]?.remote.name === 'Jüri Oun AS', 'named caller');

    expect(await service.execute({ kind: 'phonebookDelete', connectionId: 'tl', entryId: added.entryId! })).toEqual({ ok: true });
    expect(await phonebookSearch('Jüri')).toEqual([]);
    const unknown = await service.execute({ kind: 'phonebookDelete', connectionId: 'tl', entryId: '999' });
    expect(unknown).toEqual({ ok: false, error: msg('telia.service.ERR1002'), code: 'ERR1002' });
    expect(refusal(unknown)).toBe('That phonebook entry does not exist at Telia any more (ERR1002 unknown id).');
  });

  it('an entry a colleague adds elsewhere shows within the refresh period, without a search reading it', async () => {
    const { telia } = await start({ phonebookRefreshSeconds: 5 });
    const connectedAt = Date.now();
    const reads = () => telia.frontEnd.requests.filter((op) => op === 'listPhoneBookEntries').length;
    const atConnect = reads();
    expect(await phonebookSearch('Kuusk')).toEqual([]);
    telia.frontEnd.addPhonebookEntry({ displayName: 'Mart Kuusk', phoneNumber1: '3725099887' });
    let found: DirectoryEntry[] = [];
    while (found.length === 0 && Date.now() - connectedAt < 8000) {
      await new Promise((r) => setTimeout(r, 200));
      found = await phonebookSearch('Kuusk');
    }
    expect(found).toEqual([expect.objectContaining({ name: 'Mart Kuusk', number: '+3725099887' })]);
    // Found before the copy read at connect was 10 s old: no search read it, the periodic read (one) did.
    expect(Date.now() - connectedAt).toBeLessThan(SEARCH_FRESHNESS_MS);
    expect(reads()).toBe(atConnect + 1);
  }, 20_000);

  it('the phonebook joins the one directory: a local search finds its entries with no request to Telia, editable', async () => {
    const { telia } = await start();
    const [first] = telia.frontEnd.phonebookEntries();
    if (!first) throw new Error('the demo has a phonebook');
    const requests = telia.frontEnd.requests.length;
    const answer = await demo.service.searchDirectory({ text: first.displayName, scope: 'local' });
    expect(answer.entries[0]).toMatchObject({
      name: first.displayName,
      origin: 'phonebook',
      connectionId: 'tl',
      entryId: first.id,
      editable: true,
    });
    expect(answer.entries[0]?.number.startsWith('+')).toBe(true);
    expect(telia.frontEnd.requests.length).toBe(requests);
  });

  it('opening the phonebook view searches again: a copy older than 10 s is read first', async () => {
    const { telia } = await start({ phonebookRefreshSeconds: 3600 });
    const reads = () => telia.frontEnd.requests.filter((op) => op === 'listPhoneBookEntries').length;
    telia.frontEnd.addPhonebookEntry({ displayName: 'Kadri Tamm', phoneNumber1: '3725088776' });
    // Just read at connect: a search answers from the copy (typing a name costs no round trip each time).
    const atConnect = reads();
    expect(await phonebookSearch('Tamm')).toEqual([]);
    expect(reads()).toBe(atConnect);
    await new Promise((r) => setTimeout(r, 10_500));
    expect(await phonebookSearch('Tamm')).toEqual([expect.objectContaining({ name: 'Kadri Tamm', number: '+3725088776' })]);
    expect(reads()).toBe(atConnect + 1);
  }, 20_000);

  it('HTTP 500 and a garbage answer give clear errors; the next request works', async () => {
    const { pbx, service } = await start();
    pbx.telia!.faults.setHttpFault('status500', 1);
    const failed = await service.execute({ kind: 'dial', lineId: LINE, to: '1101' });
    const server = new URL(pbx.telia!.servicesUrl).origin;
    expect(failed).toEqual({ ok: false, error: msg('transport.status', { server, status: 500 }) });
    expect(refusal(failed)).toBe(`${server} answered with HTTP status 500.`);
    pbx.telia!.faults.setHttpFault('garbage', 1);
    const garbage = await service.execute({ kind: 'dial', lineId: LINE, to: '1101' });
    expect(garbage).toMatchObject({ ok: false, error: { key: 'transport.malformed', params: { server, reason: expect.any(String) } } });
    expect(refusal(garbage)).toMatch(/sent an answer the console cannot read/);
    expect(await service.execute({ kind: 'dial', lineId: LINE, to: '1101' })).toMatchObject({ ok: true });
    expect(state().connections.tl.state).toBe('online');
  });

  it('a console that does not pin the right certificate refuses to talk (TLS verified)', async () => {
    await start({ tlsFingerprint256: 'AA:'.repeat(31) + 'AA' }, { waitOnline: false });
    await until(() => state().connections.tl?.state === 'offline', 'offline');
    expect(state().connections.tl.detail).toMatchObject({ key: 'transport.tls' });
    expect(words(state().connections.tl.detail)).toMatch(/certificate .* not trusted/);
    expect(demo.pbx.telia!.frontEnd.requests).toEqual([]);
  });

  it('sets the name callees see for an own number; refuses one-word and unallowed names before sending', async () => {
    const { service } = await start();
    const lineId = Object.keys(service.getState().lines).find((id) => id.endsWith('6403231'))!;
    expect(await service.execute({ kind: 'setCallerName', lineId, name: 'Vastuvõtt Nordvalgus' })).toEqual({ ok: true });
    expect(demo.pbx.telia!.frontEnd.callerNames.get('3726403231')).toBe('Vastuvõtt Nordvalgus');
    const sentBefore = demo.pbx.telia!.frontEnd.requests.length;
    const oneWord = await service.execute({ kind: 'setCallerName', lineId, name: 'Reception' });
    expect(oneWord).toEqual({ ok: false, error: msg('telia.callerNameTwoWords') });
    expect(refusal(oneWord)).toContain('first and a last name');
    expect(await service.execute({ kind: 'setCallerName', lineId, name: 'Réception Nordvalgus' })).toMatchObject({ ok: false });
    expect(demo.pbx.telia!.frontEnd.requests.length).toBe(sentBefore);
    expect(demo.pbx.telia!.frontEnd.callerNames.get('3726403231')).toBe('Vastuvõtt Nordvalgus');
  });

  it('stopping deregisters the notification URL', async () => {
    const { telia } = await start();
    expect(Object.keys(telia.frontEnd.registrations())).toHaveLength(1);
    await demo.service.stop();
    expect(telia.frontEnd.registrations()).toEqual({});
  });
});

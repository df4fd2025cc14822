/**
 * The TelServer client, session, adapter and the core against the demo
 * PBX's TelServer front end over real TCP and UDP on loopback, including its
 * fault switches. Every scenario ends with the console showing what the PBX
 * has, and the link state visible — never a crash.
 */
import { describe, expect, it } from 'vitest';
import { msg, type Message } from '../../../app/i18n/message';
import { createTranslator } from '../../../app/i18n/translator';
import type { Call, ConsoleState } from '../../../app/model';
import { demoPbxConsole } from '../../testing/demo-pbx-console';
import { demoTelServerConnection } from './demo-connection';
import type { TelServerConnectionConfig } from '../../../app/vendors';

const LINE = 'it/1100';
const lineCallsOf = (state: ConsoleState): Call[] => Object.values(state.calls).filter((c) => c.lineId === LINE);
const demo = demoPbxConsole({ vendor: 'telserver', shownCalls: lineCallsOf, timeoutMs: 8000 });
const { state, until } = demo;
const english = createTranslator('en');
/** The connection's detail as the receptionist reads it in English. */
const detail = (): string => {
  const message: Message | undefined = state().connections.it.detail;
  return message ? english(message) : '';
};

function start(overrides: Partial<TelServerConnectionConfig> = {}) {
  return demo.start({
    connection: (pbx) =>
      demoTelServerConnection(pbx.telserver, { id: 'it', label: 'Integration TelServer', keepaliveSeconds: 1, ...overrides }),
  });
}

const lineCalls = (): Call[] => lineCallsOf(state());
const callWith = (number: string) => lineCalls().find((c) => c.remote.number === number);

/** The console's calls for reception, as (number, state) pairs, equal the switch's view of device 1100. */
function expectConsoleMatchesPbx(): void {
  const view = demo.pbx.switch.deviceView('1100');
  const pbxLegs = view.groups
    .flatMap((g) => [g.primary, g.consultation])
    .filter((leg): leg is NonNullable<typeof leg> => leg !== undefined)
    .map((leg) => leg.other.number || '(withheld)')
    .sort();
  const consoleLegs = lineCalls()
    .map((c) => (c.remote.number.startsWith('*') ? '(withheld)' : c.remote.number))
    .sort();
  expect(consoleLegs).toEqual(pbxLegs);
}

describe('TelServer against the demo PBX', () => {
  it('opens a session, resyncs, and follows a call from ringing to answered to consult and transfer', async () => {
    const { service } = await start();
    expect(state().lines[LINE]).toMatchObject({ number: '1100', vendor: 'telserver' });
    demo.pbx.control.incomingCall({ from: '+33160127764' });
    await until(() => callWith('+33160127764')?.state === 'ringing', 'ringing');
    const ringing = callWith('+33160127764')!;
    expect(ringing.remote).toMatchObject({ name: 'Martin Jagger', company: 'uniGone' });
    expect(ringing.actions).toEqual(['answer', 'divert']);

    expect(await service.execute({ kind: 'answer', callId: ringing.id })).toEqual({ ok: true });
    await until(() => callWith('+33160127764')?.state === 'connected', 'connected');
    expect(callWith('+33160127764')!.id).toBe(ringing.id);

    expect(await service.execute({ kind: 'consult', callId: ringing.id, to: '1103' })).toEqual({ ok: true });
    await until(() => callWith('1103')?.state === 'connected', 'consultation answered');
    const consultation = callWith('1103')!;
    expect(consultation).toMatchObject({ role: 'consultation', relatedCallId: ringing.id });
    expect(callWith('+33160127764')!.state).toBe('held');

    expect(await service.execute({ kind: 'completeTransfer', callId: consultation.id })).toEqual({ ok: true });
    await until(() => lineCalls().length === 0, 'transfer done');
    expect(state().journal.map((j) => j.remote.number)).toEqual(expect.arrayContaining(['+33160127764', '1103']));
    expectConsoleMatchesPbx();
  });

  it('reports a PBX refusal in words and changes nothing', async () => {
    const { service } = await start();
    demo.pbx.control.incomingCall({ from: '+3725123456' });
    await until(() => callWith('+3725123456')?.state === 'ringing', 'ringing');
    const call = callWith('+3725123456')!;
    // 99 is no extension and no outside number: the PBX cannot ring it and refuses the divert.
    const result = await service.execute({ kind: 'divert', callId: call.id, to: '99' });
    expect(result).toEqual({ ok: false, error: msg('telserver.error.pbxReject'), code: 'pbxReject' });
    if (!result.ok) expect(english(result.error)).toBe('The telephone system rejected the request.');
    expect(callWith('+3725123456')).toMatchObject({ id: call.id, state: 'ringing' });
    expectConsoleMatchesPbx();
  });

  it('connection refused: offline with the reason, then recovers and rebuilds the call list', async () => {
    await start();
    demo.pbx.control.incomingCall({ from: '+4930123456' });
    await until(() => callWith('+4930123456') !== undefined, 'first call');
    demo.pbx.telserver!.faults.dropAllSessions();
    await demo.pbx.telserver!.faults.refuseConnections(true);
    await until(() => state().connections.it.state === 'offline', 'offline');
    expect(detail()).toMatch(/refused|session/i);
    expect(state().connections.it.retryAt).toBeGreaterThan(Date.now() - 1000);
    demo.pbx.control.remoteHangup({ number: '+4930123456' });
    demo.pbx.control.incomingCall({ from: '+358401234567' });
    await demo.pbx.telserver!.faults.refuseConnections(false);
    await until(() => state().connections.it.state === 'online' && callWith('+358401234567') !== undefined, 'back online');
    expect(callWith('+4930123456')).toBeUndefined();
    expectConsoleMatchesPbx();
  });

  it('a reply cut mid-XML fails that command clearly; the next one works', async () => {
    const { service } = await start();
    demo.pbx.control.incomingCall({ from: '+3726654321' });
    await until(() => callWith('+3726654321') !== undefined, 'ringing');
    const call = callWith('+3726654321')!;
    demo.pbx.telserver!.faults.cutNextReply(20);
    const cut = await service.execute({ kind: 'answer', callId: call.id });
    expect(cut.ok).toBe(false);
    if (!cut.ok) expect(['transport.truncated', 'transport.closed']).toContain(cut.error.key);
    if (!cut.ok) expect(english(cut.error)).toMatch(/middle of an answer|closed/i);
    // The PBX did answer (only the reply was lost): the events tell the truth.
    await until(() => callWith('+3726654321')?.state === 'connected', 'connected anyway');
    expect(await service.execute({ kind: 'hangup', callId: call.id })).toEqual({ ok: true });
    await until(() => lineCalls().length === 0, 'hung up');
    expectConsoleMatchesPbx();
    expect(state().connections.it.state).toBe('online');
  });

  it('malformed and 2 MiB of oversized datagrams are dropped with a log line; events keep flowing', async () => {
    const { log } = await start();
    await demo.pbx.telserver!.faults.sendMalformedDatagram('1100');
    const sent = await demo.pbx.telserver!.faults.sendOversizedDatagrams('1100', 2 * 1024 * 1024);
    expect(sent).toBeGreaterThan(0);
    demo.pbx.control.incomingCall({ from: '+46701234567' });
    await until(() => callWith('+46701234567')?.state === 'ringing', 'next event');
    expect(log.entries.some((e) => e.level === 'warn' && /datagram/i.test(e.message))).toBe(true);
    expect(state().connections.it.state).toBe('online');
    expectConsoleMatchesPbx();
  });

  it('pbxlinkOutOfService shows PBX link down; pbxlinkInService rebuilds the list from a snapshot', async () => {
    await start();
    demo.pbx.control.incomingCall({ from: '+3725559876' });
    await until(() => callWith('+3725559876') !== undefined, 'ringing');
    demo.pbx.telserver!.faults.setPbxLink(false);
    await until(() => state().connections.it.state === 'pbx-link-down', 'link down');
    expect(state().connections.it.detail).toEqual(msg('telserver.pbxLinkDown'));
    expect(detail()).toMatch(/link/i);
    demo.pbx.control.remoteHangup({ number: '+3725559876' });
    demo.pbx.control.incomingCall({ from: '+447700900123' });
    demo.pbx.telserver!.faults.setPbxLink(true);
    await until(() => state().connections.it.state === 'online', 'link up');
    await until(() => callWith('+447700900123') !== undefined && callWith('+3725559876') === undefined, 'rebuilt');
    expectConsoleMatchesPbx();
  });

  it('session closed by the administrator: offline, then a new session and a resync', async () => {
    await start();
    demo.pbx.control.incomingCall({ from: '+33612345678' });
    await until(() => callWith('+33612345678') !== undefined, 'ringing');
    const before = callWith('+33612345678')!.id;
    demo.pbx.telserver!.faults.closeSessionByAdmin('1100');
    await until(() => state().connections.it.state === 'offline', 'offline');
    expect(state().connections.it.detail).toEqual(msg('telserver.session.closedByAdmin'));
    expect(detail()).toMatch(/administrator/i);
    await until(() => state().connections.it.state === 'online', 'reconnected');
    expect(demo.pbx.telserver!.sessionDevices()).toContain('1100');
    // The adapter outlives the session, so the same call keeps its id.
    expect(callWith('+33612345678')?.id).toBe(before);
    expectConsoleMatchesPbx();
  });

  it('a TelServer that never answers: commands time out in words, the keepalive marks it offline', async () => {
    const { service } = await start();
    demo.pbx.telserver!.faults.delayReplies(5000);
    const result = await service.execute({ kind: 'dial', lineId: LINE, to: '1105' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.key).toBe('transport.timeout');
    if (!result.ok) expect(english(result.error)).toMatch(/did not answer within/);
    await until(() => state().connections.it.state === 'offline', 'offline after keepalives fail', 10_000);
    demo.pbx.telserver!.faults.delayReplies(0);
    await until(() => state().connections.it.state === 'online', 'back', 10_000);
  });

  it('accepts events from a TelServer named by host name (the filter uses its resolved addresses)', async () => {
    await start({ host: 'localhost' });
    demo.pbx.control.incomingCall({ from: '+46701234567' });
    await until(() => callWith('+46701234567')?.state === 'ringing', 'event from localhost');
    expectConsoleMatchesPbx();
  });

  it('searches the directory by name and by number', async () => {
    const { service } = await start();
    const byName = (await service.searchDirectory({ text: 'Mar' })).entries;
    expect(byName.map((e) => e.name)).toEqual(expect.arrayContaining(['Marcel Jagger', 'Maria Lind', 'Martin Jagger']));
    const byNumber = (await service.searchDirectory({ text: '+33 1 60 12 77 64' })).entries;
    expect(byNumber).toEqual([expect.objectContaining({ name: 'Martin Jagger', number: '+33160127764' })]);
  });

  it('switches forward and DND and shows the PBX state', async () => {
    const { service } = await start();
    expect(await service.execute({ kind: 'setDnd', lineId: LINE, enabled: true })).toEqual({ ok: true });
    await until(() => state().lines[LINE].dnd, 'dnd on');
    expect(await service.execute({ kind: 'setForward', lineId: LINE, enabled: true, type: 'immediate', to: '1102' })).toEqual({ ok: true });
    await until(() => state().lines[LINE].forwards.some((f) => f.to === '1102'), 'forward on');
    expect(await service.execute({ kind: 'setForward', lineId: LINE, enabled: false, type: 'immediate' })).toEqual({ ok: true });
    await until(() => state().lines[LINE].forwards.length === 0, 'forward off');
  });
});

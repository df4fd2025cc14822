import { describe, expect, it, vi } from 'vitest';
import { msg } from '../../app/i18n/message';
import { createTranslator } from '../../app/i18n/translator';
import { ManualClock } from '../../app/testing/manual-clock';
import { chooseDialLine, DEFAULT_LINK_WAIT_MS, describeLinkOutcome, LinkDialer, type LinkOutcome } from './link-dialer';
import { connection, consoleState, line } from '../../app/testing/fixtures';
import { fakeStateService } from '../testing/fake-state-service';

const online = consoleState({
  connections: [connection({ id: 'pbx', state: 'online' })],
  lines: [line({ id: 'pbx/100', label: 'Reception' })],
});
const offline = consoleState({ connections: [connection({ id: 'pbx', state: 'connecting' })], lines: [] });

function setup(initial = online, extra: Partial<ConstructorParameters<typeof LinkDialer>[0]> = {}) {
  const service = { ...fakeStateService(initial), execute: vi.fn(async () => ({ ok: true as const })) };
  const clock = new ManualClock();
  const outcomes: LinkOutcome[] = [];
  const dialer = new LinkDialer({ service, clock, report: (o) => outcomes.push(o), ...extra });
  return { service, clock, outcomes, dialer };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const en = createTranslator('en');
const said = (outcome: LinkOutcome | undefined) => en(describeLinkOutcome(outcome!));

describe('LinkDialer', () => {
  it('dials a valid link at once on the online line', async () => {
    const { service, outcomes, dialer } = setup();
    dialer.open('tel:+372-640-1234;ext=12');
    await flush();
    expect(service.execute).toHaveBeenCalledWith({ kind: 'dial', lineId: 'pbx/100', to: '+3726401234' });
    expect(outcomes).toEqual([
      {
        kind: 'dialled',
        request: {
          link: 'tel:+372-640-1234;ext=12',
          number: '+3726401234',
          formatted: '640 1234',
          extension: '12',
          line: { id: 'pbx/100', label: 'Reception' },
        },
        result: { ok: true },
      },
    ]);
    expect(describeLinkOutcome(outcomes[0])).toEqual(
      msg('desktop.link.diallingExtension', { number: '+3726401234', line: 'Reception', extension: '12' }),
    );
    expect(said(outcomes[0])).toBe('Dialling +3726401234 on Reception. Key in extension 12 once answered.');
    expect(createTranslator('de')(describeLinkOutcome(outcomes[0]))).toBe(
      '+3726401234 wird auf Reception gewählt. Geben Sie nach dem Annehmen die Durchwahl 12 ein.',
    );
  });

  it("decides what a link dials by the dialling line's country and the console's domains, and names the number", async () => {
    const { service, outcomes, dialer } = setup(online, {
      domains: () => ['pbx.example.com'],
      nameFor: (number) => (number === '+37251234567' ? 'Kalev Kask' : undefined),
    });
    dialer.open('tel:5123-4567');
    await flush();
    expect(service.execute).toHaveBeenLastCalledWith({ kind: 'dial', lineId: 'pbx/100', to: '+37251234567' });
    expect(outcomes.at(-1)).toMatchObject({ kind: 'dialled', request: { formatted: '5123 4567', name: 'Kalev Kask' } });

    dialer.open('tel:1100;phone-context=pbx.example.com');
    await flush();
    expect(service.execute).toHaveBeenLastCalledWith({ kind: 'dial', lineId: 'pbx/100', to: '1100' });

    service.execute.mockClear();
    dialer.open('tel:7042;phone-context=elsewhere.example');
    dialer.open('tel:020-7946-0123');
    await flush();
    expect(service.execute).not.toHaveBeenCalled();
    expect(outcomes.slice(-2).map(said)).toEqual([
      "The number belongs to elsewhere.example, which is not one of this console's telephone systems.",
      '02079460123 is not a valid number in EE.',
    ]);
  });

  it('refuses a hostile link without touching the service', async () => {
    const { service, outcomes, dialer } = setup();
    dialer.open('tel:$(reboot)');
    await flush();
    expect(service.execute).not.toHaveBeenCalled();
    expect(outcomes).toEqual([{ kind: 'refused', error: msg('desktop.tel.notDialable', { number: '$(reboot)' }) }]);
    expect(said(outcomes[0])).toBe('"$(reboot)" is not a phone number the console can dial.');
  });

  it('cold start: waits until a line is online, then dials once', async () => {
    const { service, outcomes, dialer } = setup(offline);
    dialer.open('tel:1100');
    await flush();
    expect(service.execute).not.toHaveBeenCalled();
    expect(outcomes).toEqual([{ kind: 'waiting', number: '1100' }]);
    expect(said(outcomes[0])).toBe('1100 will be dialled as soon as a line is online.');
    expect(dialer.waiting).toBe(true);

    // A line appears but its connection is not online yet: still waiting.
    service.setState(consoleState({ connections: [connection({ id: 'pbx', state: 'connecting' })], lines: [line({ id: 'pbx/100' })] }));
    await flush();
    expect(service.execute).not.toHaveBeenCalled();

    service.setState(online);
    service.setState(online);
    await flush();
    expect(service.execute).toHaveBeenCalledTimes(1);
    expect(service.execute).toHaveBeenCalledWith({ kind: 'dial', lineId: 'pbx/100', to: '1100' });
    expect(dialer.waiting).toBe(false);
  });

  it('keeps only the newest waiting link, and says the one it replaced was not dialled', async () => {
    const { service, outcomes, dialer } = setup(offline);
    dialer.open('tel:1100');
    dialer.open('callto:1101');
    expect(outcomes.map(said)).toEqual([
      '1100 will be dialled as soon as a line is online.',
      '1100 was not dialled: a newer link took its place.',
      '1101 will be dialled as soon as a line is online.',
    ]);
    service.setState(online);
    await flush();
    expect(service.execute).toHaveBeenCalledTimes(1);
    expect(service.execute).toHaveBeenCalledWith({ kind: 'dial', lineId: 'pbx/100', to: '1101' });
  });

  it('offers a link that came while another was being confirmed as soon as that one is done, never saying it waits for a line', async () => {
    const answers: ((yes: boolean) => void)[] = [];
    const confirm = vi.fn((_request: unknown) => new Promise<boolean>((resolve) => answers.push(resolve)));
    const { service, outcomes, dialer } = setup(online, { confirm });
    dialer.open('tel:1100');
    dialer.open('tel:1101');
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(outcomes).toEqual([]);
    answers[0](false);
    await flush();
    expect(confirm).toHaveBeenCalledTimes(2);
    expect(confirm).toHaveBeenLastCalledWith(expect.objectContaining({ number: '1101' }));
    answers[1](true);
    await flush();
    expect(service.execute).toHaveBeenCalledTimes(1);
    expect(service.execute).toHaveBeenCalledWith({ kind: 'dial', lineId: 'pbx/100', to: '1101' });
    expect(outcomes.map((o) => o.kind)).toEqual(['cancelled', 'dialled']);
  });

  it('names a line the PBX gave no label by its number', async () => {
    const confirm = vi.fn(async () => false);
    const unlabelled = consoleState({
      connections: [connection({ id: 'pbx', state: 'online' })],
      lines: [line({ id: 'pbx/100', number: '100', label: ' ' })],
    });
    const { dialer } = setup(unlabelled, { confirm });
    dialer.open('tel:1100');
    await flush();
    expect(confirm).toHaveBeenCalledWith(expect.objectContaining({ line: { id: 'pbx/100', label: '100' } }));
  });

  it('gives up on a waiting link after the wait, and says so', async () => {
    const { service, clock, outcomes, dialer } = setup(offline, { maxWaitMs: 1000 });
    dialer.open('tel:1100');
    await clock.advance(1000);
    service.setState(online);
    await flush();
    expect(service.execute).not.toHaveBeenCalled();
    expect(outcomes.at(-1)).toEqual({ kind: 'refused', error: msg('desktop.link.expired', { number: '1100' }) });
    expect(said(outcomes.at(-1))).toBe('No line came online in time; 1100 was not dialled.');
  });

  it('asks first when confirmation is on, and dials only on yes', async () => {
    const confirm = vi.fn(async () => false);
    const { service, outcomes, dialer } = setup(online, { confirm });
    dialer.open('tel:1100');
    await flush();
    expect(confirm).toHaveBeenCalledWith(expect.objectContaining({ number: '1100', line: { id: 'pbx/100', label: 'Reception' } }));
    expect(service.execute).not.toHaveBeenCalled();
    expect(outcomes).toEqual([{ kind: 'cancelled', number: '1100' }]);
    expect(said(outcomes[0])).toBe('1100 was not dialled.');
    confirm.mockResolvedValue(true);
    dialer.open('tel:1100');
    await flush();
    expect(service.execute).toHaveBeenCalledTimes(1);
  });

  it('reports a refusal by the core as a failed dial', async () => {
    const { service, outcomes, dialer } = setup();
    service.execute.mockResolvedValue({ ok: false, error: msg('command.lineUnavailable') } as never);
    dialer.open('tel:1100');
    await flush();
    expect(said(outcomes[0])).toBe('1100 could not be dialled: That line is not available.');
  });

  it('reports a dial that throws as a failed dial, in words', async () => {
    const { service, outcomes, dialer } = setup();
    service.execute.mockRejectedValue(new Error('socket hang up'));
    dialer.open('tel:1100');
    await flush();
    expect(said(outcomes[0])).toBe('1100 could not be dialled: Something went wrong: socket hang up');
  });

  it('stops listening when disposed', () => {
    const { service, dialer } = setup();
    expect(service.listenerCount()).toBe(1);
    dialer.dispose();
    expect(service.listenerCount()).toBe(0);
  });
});

describe('chooseDialLine', () => {
  const two = consoleState({
    connections: [connection({ id: 'a', state: 'online' }), connection({ id: 'b', state: 'offline' })],
    lines: [
      line({ id: 'a/1', label: 'Zeta' }),
      line({ id: 'a/2', label: 'Alpha' }),
      line({ id: 'b/1', label: 'Aardvark' }),
      line({ id: 'a/3', label: 'AAA', capabilities: ['answer'] }),
    ],
  });

  it('prefers the default line when it can dial now', () => {
    expect(chooseDialLine(two, 'a/1')?.id).toBe('a/1');
  });

  it('else takes the first online line that can dial, by label', () => {
    expect(chooseDialLine(two, 'b/1')?.id).toBe('a/2');
    expect(chooseDialLine(two)?.id).toBe('a/2');
  });

  it('finds none when nothing online can dial', () => {
    expect(chooseDialLine(offline)).toBeUndefined();
  });
});

describe('LinkDialer handing over (browser mode)', () => {
  it('hands the resolved request on instead of dialling, with the name the directory has on that line', async () => {
    const handedOver: unknown[] = [];
    const nameFor = vi.fn((number: string, on: { id: string }) => (number === '1103' && on.id === 'pbx/100' ? 'Mari Maasikas' : undefined));
    const { service, outcomes, dialer } = setup(online, { handOver: (request) => handedOver.push(request), nameFor });
    dialer.open('tel:1103');
    await flush();
    expect(service.execute).not.toHaveBeenCalled();
    const request = {
      link: 'tel:1103',
      number: '1103',
      formatted: '1103',
      name: 'Mari Maasikas',
      line: { id: 'pbx/100', label: 'Reception' },
    };
    expect(handedOver).toEqual([request]);
    expect(outcomes).toEqual([{ kind: 'offered', request }]);
    expect(said(outcomes[0])).toBe('Asking the console page to confirm dialling 1103 on Reception.');
  });

  it('says which link waits and for how long still', async () => {
    const { clock, dialer, service } = setup(offline, { handOver: () => {} });
    expect(dialer.waitingFor()).toBeUndefined();
    dialer.open('tel:+3726401234');
    await clock.advance(20_000);
    expect(dialer.waitingFor()).toEqual({ number: '+3726401234', remainingMs: DEFAULT_LINK_WAIT_MS - 20_000 });
    service.setState(online);
    expect(dialer.waitingFor()).toBeUndefined();
  });
});

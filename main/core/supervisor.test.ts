import { describe, expect, it } from 'vitest';
import { msg } from '../../app/i18n/message';
import type { ConnectionStatus } from '../../app/model';
import { ManualClock } from '../../app/testing/manual-clock';
import { memoryLogger } from '../testing/memory-logger';
import type { Connector } from './connector';
import { ConsoleError } from './errors';
import { MIN_ATTEMPT_SPACING_MS, PROBE_INTERVAL_MS, ConnectionSupervisor } from './supervisor';

/**
 * A PBX that is up or down (`reachable`: it answers at all; `up`: it also
 * accepts sessions); the connector's connect and probe see it as a real one would.
 */
function scriptedPbx(withProbe: boolean) {
  const pbx = {
    reachable: true,
    accepts: true,
    set up(value: boolean) {
      this.reachable = value;
      this.accepts = value;
    },
    attempts: [] as number[],
    probes: 0,
  };
  const clock = new ManualClock();
  const refused = () => new ConsoleError(msg('transport.refused', { server: 'PBX' }));
  const connector: Connector = {
    id: 'pbx',
    vendor: 'telserver',
    label: 'PBX',
    connect: () => {
      pbx.attempts.push(clock.now());
      return pbx.reachable && pbx.accepts ? Promise.resolve() : Promise.reject(refused());
    },
    disconnect: () => Promise.resolve(),
    execute: () => Promise.resolve({ ok: true }),
    searchDirectory: () => Promise.resolve([]),
    ...(withProbe
      ? {
          probe: () => {
            pbx.probes++;
            return pbx.reachable ? Promise.resolve() : Promise.reject(refused());
          },
        }
      : {}),
  };
  const statuses: ConnectionStatus[] = [];
  // Backoff without jitter (random 1): the delays are the ceilings, 500 ms doubling to 30 s.
  const supervisor = new ConnectionSupervisor(connector, {
    clock,
    log: memoryLogger(),
    random: () => 1,
    onStatus: (status) => statuses.push(status),
  });
  const state = () => statuses.at(-1)?.state;
  return { pbx, clock, supervisor, state };
}

/** Drops the link `outages` times in a row (each outage 20 s), returns how long each took to be online after the PBX was back. */
async function outages(withProbe: boolean, count: number) {
  const { pbx, clock, supervisor, state } = scriptedPbx(withProbe);
  supervisor.start();
  await clock.advance(0);
  expect(state()).toBe('online');
  const blind: number[] = [];
  for (let i = 0; i < count; i++) {
    pbx.up = false;
    supervisor.handleLink({ type: 'lost', reason: msg('link.offline') });
    await clock.advance(20_000);
    expect(state()).toBe('offline');
    pbx.up = true;
    const back = clock.now();
    while (state() !== 'online') await clock.advance(50);
    blind.push(clock.now() - back);
    await clock.advance(5_000); // online a little, far less than the 60 s that resets the backoff
  }
  return { blind, attempts: pbx.attempts };
}

describe('reconnecting', () => {
  it('without a probe, consecutive outages grow the wait up to the 30 s backoff ceiling (the problem)', async () => {
    const { blind } = await outages(false, 8);
    expect(Math.max(...blind)).toBeGreaterThan(10_000);
  });

  it('with a probe, a PBX that is back is online again within 2 s, however many outages came before', async () => {
    const { blind } = await outages(true, 20);
    expect(Math.max(...blind)).toBeLessThanOrEqual(2_000);
  });

  it('never two session attempts closer than a second', async () => {
    const { attempts } = await outages(true, 20);
    const gaps = attempts.slice(1).map((at, i) => at - attempts[i]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(MIN_ATTEMPT_SPACING_MS);
  });

  it('Reconnect asked for several times in a row (clicks, a wake-up and a network change) makes attempts a second apart', async () => {
    const { pbx, clock, supervisor, state } = scriptedPbx(true);
    supervisor.start();
    await clock.advance(0);
    supervisor.reconnectNow(msg('desktop.reconnect.resume'));
    await clock.advance(50);
    supervisor.reconnectNow(msg('desktop.reconnect.network'));
    await clock.advance(50);
    supervisor.reconnectNow();
    await clock.advance(0);
    expect(state()).toBe('connecting');
    await clock.advance(MIN_ATTEMPT_SPACING_MS);
    // The start's attempt, then one for the three asks, a second after it.
    expect(pbx.attempts.map((at) => at - (pbx.attempts[0] ?? 0))).toEqual([0, MIN_ATTEMPT_SPACING_MS]);
    expect(state()).toBe('online');
  });

  it('a PBX that answers but refuses sessions is not hammered: only the backoff retries then', async () => {
    const { pbx, clock, supervisor, state } = scriptedPbx(true);
    supervisor.start();
    await clock.advance(0);
    // Reachable (the probe answers), but every session attempt fails.
    pbx.accepts = false;
    supervisor.handleLink({ type: 'lost', reason: msg('link.offline') });
    await clock.advance(60_000);
    expect(state()).toBe('offline');
    // Backoff 0.5, 1, 2, 4, 8, 16, 30 s…: a handful of attempts in a minute, not one a second.
    expect(pbx.attempts.length - 1).toBeLessThanOrEqual(8);
  });

  it('probes only while offline', async () => {
    const { pbx, clock, supervisor } = scriptedPbx(true);
    supervisor.start();
    await clock.advance(10_000);
    expect(pbx.probes).toBe(0);
    pbx.up = false;
    supervisor.handleLink({ type: 'lost', reason: msg('link.offline') });
    const before = pbx.probes;
    await clock.advance(10 * PROBE_INTERVAL_MS);
    expect(pbx.probes - before).toBeGreaterThanOrEqual(5);
    await supervisor.stop();
    const stopped = pbx.probes;
    await clock.advance(10_000);
    expect(pbx.probes).toBe(stopped);
  });
});

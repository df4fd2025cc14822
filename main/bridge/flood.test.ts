/**
 * Bounded load: 10,000 directory searches on one bridge socket against the TelServer demo PBX (which opens one
 * TCP connection per request) never open more connections than the scheduler allows, every search gets a reply
 * or an error, and a second client's Answer is answered and acts on the call it meant. The figures
 * (latency, RSS) are printed by `npm run bench:flood`, not asserted here.
 */
import { expect, it } from 'vitest';
import { runBridgeFlood } from '../testing/bridge-flood';

it('a flood of searches on one socket leaves the PBX and the other client unharmed', async () => {
  const figures = await runBridgeFlood(10_000);
  expect(figures.answered + figures.refused).toBe(10_000);
  // The limit, plus the session's own keepalive connection.
  expect(figures.peakPbxSockets).toBeLessThanOrEqual(figures.requestLimit + 1);
  expect(figures.secondClientOk).toBe(true);
}, 120_000);

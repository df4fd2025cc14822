/** Text from a PBX is cleaned where connector events enter the core, so no view, log or journal sees it raw. */
import { afterEach, expect, it } from 'vitest';
import { waitUntil } from '../../app/testing/wait-until';
import { startTestService } from '../testing/test-connector';
import type { ConsoleService } from './console-service';

let service: ConsoleService | undefined;
afterEach(async () => {
  await service?.stop();
});

it("keeps CR/LF, NUL and U+202E of a caller's name out of the console's state", async () => {
  const started = await startTestService();
  service = started.service;
  started.connector.ring('c1', '+4930123456', 'Mallory\r\n2026-12-01 ERROR forged\u0000\u202Eexe.gpj');
  const ringing = () => started.service.getState().calls['c1'];
  await waitUntil(() => ringing() !== undefined, 'the call in the state');
  expect(ringing()?.remote).toEqual({ number: '+4930123456', name: 'Mallory  2026-12-01 ERROR forgedexe.gpj' });
});

it("does not walk again a re-sent call's party that the state already holds, and cleans what is new", async () => {
  const started = await startTestService();
  service = started.service;
  started.connector.ring('c1', '+4930123456', 'Mallory');
  await waitUntil(() => started.service.getState().calls['c1'] !== undefined, 'the call in the state');
  const stored = started.service.getState().calls['c1'];
  if (!stored) throw new Error('no call');
  // The party as the state holds it, its name now counted when read (as a walk over it would read it).
  let reads = 0;
  const name = stored.remote.name;
  Object.defineProperty(stored.remote, 'name', {
    enumerable: true,
    get: () => {
      reads++;
      return name;
    },
  });
  // As a connector re-sends a call: a new call object keeping the unchanged party object.
  started.service.apply({
    type: 'callUpserted',
    call: { ...stored, state: 'connected', firstCalled: { number: '100', name: 'Desk\u202E1' } },
  });
  expect(reads).toBe(0);
  expect(started.service.getState().calls['c1']?.firstCalled).toEqual({ number: '100', name: 'Desk1' });
});

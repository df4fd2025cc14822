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

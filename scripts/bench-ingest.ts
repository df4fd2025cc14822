/**
 * Benchmark (not a test): TelServer event ingest — decode + adapt + reduce —
 * side by side with a bare parse of the same datagrams by the parser the
 * product uses (parseXmlElements, main/connectors/shared/xml.ts).
 *
 * One connection monitors as many lines as it allows (64 devices, one
 * adapter each, as the connector runs them). 1, 100 or 1,000 calls are live
 * across those lines (set up first, not timed); then every call is held and
 * retrieved in turn, each datagram alone in its turn of the event loop (the
 * core batches what arrives in one turn: one datagram a turn is the worst
 * case). Goal: ≤ 1.5× the bare parse.
 *
 *   npm run bench:ingest
 */
import { emptyConsoleState } from '../app/model';
import { TelServerLineAdapter } from '../main/connectors/telserver/adapter';
import { decodeEvent, encodeEvent } from '../main/connectors/telserver/codec';
import type { TsCallLeg, TsService } from '../main/connectors/telserver/messages';
import { parseXmlElements } from '../main/connectors/shared/xml';
import { compareIngest, coreIngest, printIngest, type IngestCase } from './ingest-timing';

/** The most lines one TelServer connection monitors (app/vendors/telserver.ts). */
const LINES = 64;
/** Datagrams timed per case: a multiple of twice every size, so each round ends where it began. */
const UPDATES = Number(process.env.BENCH_UPDATES ?? 6000);

const deviceOf = (line: number) => String(1100 + line);

function datagram(call: number, state: TsCallLeg['state'], permittedServices: TsService[]): string {
  const number = `+37255${String(100000 + call).slice(-6)}`;
  const primCall: TsCallLeg = {
    state,
    otherParty: { number, name: 'Martin Jagger', company: 'uniGone' },
    firstCalledParty: { number: '+3726001100' },
    duration: 12,
    isOutgoing: false,
    isConference: false,
  };
  return encodeEvent({
    deviceNumber: deviceOf(call % LINES),
    event: { type: 'call', call: { id: String(call), primCall, permittedServices } },
  });
}

const ALERTING: TsService[] = ['answerCall', 'divertCall'];
const CONNECTED: TsService[] = ['holdCall', 'dropCall', 'divertCall', 'consultationCall'];
const HELD: TsService[] = ['retrieveCall', 'dropCall'];

function ingestCase(calls: number): IngestCase {
  const setup: string[] = [];
  for (let j = 0; j < calls; j++) setup.push(datagram(j, 'alerting', ALERTING));
  for (let j = 0; j < calls; j++) setup.push(datagram(j, 'connected', CONNECTED));
  const updates: string[] = [];
  for (let n = 0; n < UPDATES; n++) {
    const held = Math.floor(n / calls) % 2 === 0;
    updates.push(datagram(n % calls, held ? 'hold' : 'connected', held ? HELD : CONNECTED));
  }
  return {
    label: `${LINES} lines, ${calls.toLocaleString('en')} live call${calls > 1 ? 's' : ''}`,
    frames: updates,
    bare: (xml) => parseXmlElements(xml),
    pipeline: () => {
      const adapters = new Map<string, TelServerLineAdapter>();
      const core = coreIngest(emptyConsoleState());
      for (let line = 0; line < LINES; line++) {
        const deviceNumber = deviceOf(line);
        const adapter = new TelServerLineAdapter(
          { connectionId: 'bench', deviceNumber, label: `Line ${deviceNumber}`, country: 'EE' },
          () => 0,
        );
        adapters.set(deviceNumber, adapter);
        core.turn(adapter.applySnapshot({}));
      }
      const ingest = (xml: string) => {
        const event = decodeEvent(xml);
        const adapter = event.deviceNumber === undefined ? undefined : adapters.get(event.deviceNumber);
        if (adapter && event.event.type === 'call') core.turn(adapter.applyCallEvent(event.event.call));
      };
      setup.forEach(ingest);
      return {
        ingest,
        core,
        check: () => {
          if (Object.keys(core.state().calls).length !== calls) throw new Error('bench: the adapters lost track of calls');
        },
      };
    },
  };
}

console.log(`TelServer event ingest, ${UPDATES.toLocaleString('en')} hold/retrieve datagrams, one per turn (median of 7 rounds):`);
for (const calls of [1, 100, 1000]) {
  const testCase = ingestCase(calls);
  printIngest(testCase, compareIngest(testCase), 'parseXmlElements', 1.5);
}

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
 * case). Goal: ≤ 1.5× the bare parse. A last case holds each of the 1,000
 * calls and at once retrieves it, so that every datagram changes one call
 * only, as at 1 call: the difference between the two 1,000-call cases is
 * the cost of the extra changes, the one from the 1-call case that of the
 * calls' number.
 *
 * Below each case, where the time goes, µs per datagram: the bare parse,
 * then what each stage adds — the TelServer document checks (size, no
 * DOCTYPE, one <TelServiceEvent>), the decode into messages, the adapter,
 * the core's clean + reduce — from rounds that stop after each stage. Then
 * how many calls a datagram republishes on average: at 1,000 calls (16 a
 * line) about two, since holding a line's last current call changes the
 * actions of every held call of that line.
 *
 *   npm run bench:ingest
 */
import { emptyConsoleState } from '../app/model';
import { TelServerLineAdapter } from '../main/connectors/telserver/adapter';
import { decodeEvent, encodeEvent } from '../main/connectors/telserver/codec';
import { parseDocument } from '../main/connectors/telserver/xml';
import type { TsCallLeg, TsEvent, TsService } from '../main/connectors/telserver/messages';
import type { DomainEvent } from '../app/events';
import { parseXmlElements } from '../main/connectors/shared/xml';
import { compareIngest, coreIngest, printIngest, WARM_UP_ROUNDS, type IngestCase } from './ingest-timing';

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

interface Pipeline {
  adapters: Map<string, TelServerLineAdapter>;
  core: ReturnType<typeof coreIngest>;
  adapt: (event: TsEvent) => DomainEvent[];
  ingest: (xml: string) => void;
}

/** 64 adapters and the core, holding `setup`'s calls. */
function pipeline(setup: readonly string[]): Pipeline {
  const adapters = new Map<string, TelServerLineAdapter>();
  // Untimed: two clock reads a turn would be charged to the product side of the ratio; stages() names the core's share.
  const core = coreIngest(emptyConsoleState(), { timed: false });
  for (let line = 0; line < LINES; line++) {
    const deviceNumber = deviceOf(line);
    const adapter = new TelServerLineAdapter(
      { connectionId: 'bench', deviceNumber, label: `Line ${deviceNumber}`, country: 'EE' },
      () => 0,
    );
    adapters.set(deviceNumber, adapter);
    core.turn(adapter.applySnapshot({}));
  }
  const adapt = (event: TsEvent): DomainEvent[] => {
    const adapter = event.deviceNumber === undefined ? undefined : adapters.get(event.deviceNumber);
    return adapter && event.event.type === 'call' ? adapter.applyCallEvent(event.event.call) : [];
  };
  const ingest = (xml: string) => {
    core.turn(adapt(decodeEvent(xml)));
  };
  setup.forEach(ingest);
  return { adapters, core, adapt, ingest };
}

/** How far a round takes each datagram: each stage's cost is the difference between a round that stops after it and one that stops before. */
const STAGES = ['parse', 'document', 'decode', 'adapt', 'core'] as const;
type Stage = (typeof STAGES)[number];

/**
 * CPU µs per datagram (process.cpuUsage: on a loaded machine wall time
 * mostly measures the wait for a core) up to and including each stage, the
 * median of `rounds` rounds; the rounds of the five depths alternate (each depth's own garbage
 * and GC are in its figure). One pipeline for every round: a round brings
 * every call back to where it began.
 */
function stages(pipe: Pipeline, frames: readonly string[], rounds = 7): Record<Stage, number> {
  // One function per depth (not one switch): each loop is then compiled as tight as the bare parse's own.
  const loops: Record<Stage, () => void> = {
    parse: () => {
      for (const xml of frames) parseXmlElements(xml);
    },
    document: () => {
      for (const xml of frames) parseDocument(xml, 'TelServiceEvent', 'TelServer event');
    },
    decode: () => {
      for (const xml of frames) decodeEvent(xml);
    },
    adapt: () => {
      for (const xml of frames) pipe.adapt(decodeEvent(xml));
    },
    core: () => {
      for (const xml of frames) pipe.ingest(xml);
    },
  };
  const round = (depth: Stage): number => {
    const start = process.cpuUsage();
    loops[depth]();
    const spent = process.cpuUsage(start);
    return (spent.user + spent.system) / frames.length;
  };
  const samples = new Map<Stage, number[]>(STAGES.map((stage) => [stage, []]));
  for (let r = 0; r < WARM_UP_ROUNDS; r++) for (const stage of STAGES) round(stage);
  for (let r = 0; r < rounds; r++) for (const stage of STAGES) samples.get(stage)?.push(round(stage));
  const median = (values: number[] = []) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
  return {
    parse: median(samples.get('parse')),
    document: median(samples.get('document')),
    decode: median(samples.get('decode')),
    adapt: median(samples.get('adapt')),
    core: median(samples.get('core')),
  };
}

/**
 * How many calls one datagram republishes on average, over one pass of the frames (untimed; the pass brings every
 * call back to where it began). More than one where a datagram changes more than its own call: holding a line's
 * last current call gives each of its held calls Hang up, and retrieving one takes it away again — real changes,
 * which the ratio above pays for.
 */
function publishedPerDatagram(pipe: Pipeline, frames: readonly string[]): number {
  let published = 0;
  for (const xml of frames) {
    const events = pipe.adapt(decodeEvent(xml));
    for (const event of events) if (event.type === 'callUpserted') published++;
    pipe.core.turn(events);
  }
  return published / frames.length;
}

function printStages(upTo: Record<Stage, number>): void {
  const { parse } = upTo;
  const part = (name: string, us: number) => `${name} ${us.toFixed(2)} µs (${(us / parse).toFixed(2)}×)`;
  console.log(
    `  ${''.padEnd(32)} where it goes, CPU µs per datagram (× the bare parse): ` +
      [
        part('parse', parse),
        part('+ document checks', upTo.document - parse),
        part('+ decode', upTo.decode - upTo.document),
        part('+ adapt', upTo.adapt - upTo.decode),
        part('+ core', upTo.core - upTo.adapt),
        part('= all', upTo.core),
      ].join(' '),
  );
}

/**
 * In what order the calls are held and retrieved: every call held in turn and then every call retrieved (holding a
 * line's last current call changes its other held calls, so a datagram republishes up to two calls), or each call
 * held and at once retrieved (no line is ever left without a current call: a datagram changes its own call alone).
 */
type HoldPattern = 'all held, then all retrieved' | 'each held and at once retrieved';

function ingestCase(calls: number, pattern: HoldPattern = 'all held, then all retrieved'): IngestCase & { pipe: () => Pipeline } {
  const setup: string[] = [];
  for (let j = 0; j < calls; j++) setup.push(datagram(j, 'alerting', ALERTING));
  for (let j = 0; j < calls; j++) setup.push(datagram(j, 'connected', CONNECTED));
  const updates: string[] = [];
  for (let n = 0; n < UPDATES; n++) {
    const inTurn = pattern === 'all held, then all retrieved';
    const held = inTurn ? Math.floor(n / calls) % 2 === 0 : n % 2 === 0;
    const call = inTurn ? n % calls : Math.floor(n / 2) % calls;
    updates.push(datagram(call, held ? 'hold' : 'connected', held ? HELD : CONNECTED));
  }
  // Built once, not before every round: the setup's garbage would be collected during the timed round that follows.
  // Each round holds and retrieves every call an even number of times, so it ends in the state it began.
  let built: Pipeline | undefined;
  const pipe = () => (built ??= pipeline(setup));
  return {
    label:
      `${LINES} lines, ${calls.toLocaleString('en')} live call${calls > 1 ? 's' : ''}` +
      (pattern === 'each held and at once retrieved' ? ', each held and at once retrieved' : ''),
    pipe,
    frames: updates,
    bare: (xml) => parseXmlElements(xml),
    pipeline: () => {
      const { ingest, core } = pipe();
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
for (const [calls, pattern] of [
  [1, undefined],
  [100, undefined],
  [1000, undefined],
  [1000, 'each held and at once retrieved'],
] as const) {
  const testCase = ingestCase(calls, pattern);
  printIngest(testCase, compareIngest(testCase), 'parseXmlElements', 1.5);
  printStages(stages(testCase.pipe(), testCase.frames));
  const published = publishedPerDatagram(testCase.pipe(), testCase.frames);
  console.log(`  ${''.padEnd(32)} calls republished per datagram: ${published.toFixed(2)}`);
}

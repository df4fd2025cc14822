/**
 * Benchmark (not a test): TelServer event ingest — decode + adapt + reduce —
 * against a bare fast-xml-parser parse of the same datagrams.
 *
 *   npm run bench:ingest
 *
 * Prints events per second for both and their ratio (how many times slower
 * the full path is than parsing alone).
 */
import { XMLParser } from 'fast-xml-parser';
import { emptyConsoleState } from '../app/model';
import { reduce } from '../app/reducer';
import { TelServerLineAdapter } from '../main/connectors/telserver/adapter';
import { decodeEvent, encodeEvent } from '../main/connectors/telserver/codec';
import type { TsCallLeg, TsService } from '../main/connectors/telserver/messages';

const CALLS = Number(process.env.BENCH_CALLS ?? 4000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

/** A realistic stream: each call rings, is answered, held, retrieved and cleared; calls overlap. */
function buildDatagrams(): string[] {
  const datagrams: string[] = [];
  const leg = (state: TsCallLeg['state'], number: string, duration: number): TsCallLeg => ({
    state,
    otherParty: { number, name: 'Martin Jagger', company: 'uniGone' },
    firstCalledParty: { number: '+3726001100' },
    duration,
    isOutgoing: false,
    isConference: false,
  });
  const event = (id: string, primCall: TsCallLeg, permittedServices: TsService[]): string =>
    encodeEvent({ deviceNumber: '1100', event: { type: 'call', call: { id, primCall, permittedServices } } });
  for (let i = 0; i < CALLS; i += 2) {
    for (const j of [i, i + 1]) {
      const number = `+37255${String(100000 + j).slice(-6)}`;
      datagrams.push(event(String(j), leg('alerting', number, 0), ['answerCall', 'divertCall']));
    }
    for (const j of [i, i + 1]) {
      const number = `+37255${String(100000 + j).slice(-6)}`;
      datagrams.push(event(String(j), leg('connected', number, 0), ['holdCall', 'dropCall', 'divertCall', 'consultationCall']));
      datagrams.push(event(String(j), leg('hold', number, 12), ['retrieveCall', 'dropCall']));
      datagrams.push(event(String(j), leg('connected', number, 20), ['holdCall', 'dropCall', 'divertCall', 'consultationCall']));
      datagrams.push(event(String(j), leg('cleared', number, 64), []));
    }
  }
  return datagrams;
}

function time(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return ms;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const datagrams = buildDatagrams();
const parser = new XMLParser({ parseTagValue: false, ignoreAttributes: true, processEntities: false });

const bare = () => {
  for (const d of datagrams) parser.parse(d);
};
const full = () => {
  const adapter = new TelServerLineAdapter({ connectionId: 'bench', deviceNumber: '1100', label: 'Reception', country: 'EE' }, Date.now);
  let state = emptyConsoleState();
  for (const d of datagrams) {
    const ev = decodeEvent(d);
    if (ev.event.type !== 'call') continue;
    for (const domainEvent of adapter.applyCallEvent(ev.event.call)) state = reduce(state, domainEvent).state;
  }
  if (Object.keys(state.calls).length !== 0) throw new Error('benchmark stream left calls behind: the adapter lost track');
};

// Warm up the JIT on both paths, then alternate the measured rounds.
bare();
full();
const bareMs: number[] = [];
const fullMs: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  bareMs.push(time(bare));
  fullMs.push(time(full));
}
const rate = (ms: number) => Math.round((datagrams.length / ms) * 1000);
const b = median(bareMs);
const f = median(fullMs);
console.log(`TelServer event ingest over ${datagrams.length} datagrams (${CALLS} calls), median of ${ROUNDS} rounds:`);
console.log(`  bare fast-xml-parser parse : ${rate(b).toLocaleString('en')} events/s (${b.toFixed(1)} ms)`);
console.log(`  decode + adapt + reduce    : ${rate(f).toLocaleString('en')} events/s (${f.toFixed(1)} ms)`);
console.log(`  ratio full / bare          : ${(f / b).toFixed(2)}x the time of a bare parse`);

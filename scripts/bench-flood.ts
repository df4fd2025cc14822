/**
 * Benchmark (not a test): 10,000 directory searches on one browser-bridge socket against the TelServer demo PBX
 * while a second client answers a ringing call (main/testing/bridge-flood.ts; main/bridge/flood.test.ts asserts
 * the behaviour). Prints the PBX's peak TCP connections against the scheduler's limit, the second client's
 * command latency against its 200 ms target, and RSS before, at peak and after (target: back within 20 MB).
 *
 * The flood runs twice in one process. The first, in a process that has just started, also pays for the process
 * reaching its working size: V8's young generation (two 16 MiB semi-spaces, reserved at start) becomes resident
 * page by page as it is first allocated into, and a flood allocates some 150 MB in short-lived objects, so every
 * page of it is touched once (measured: ~16 of the first flood's ~20 MB; with --max-semi-space-size=2 the first
 * flood adds ~5 MB). Nothing frees those pages while the process idles: V8 gives them back at the next scavenge
 * that finds the allocation rate low. A console that has been working for a while holds them already, which is
 * what the second flood shows: what one more flood leaves behind. `npm run bench:flood` runs it with the young
 * generation capped as `npm run serve` runs the console (`--max-semi-space-size=4`): then the first flood adds
 * some 7 MB, not 20.
 *
 *   npm run bench:flood
 */
import { loadavg } from 'node:os';
import { runBridgeFlood, type FloodFigures } from '../main/testing/bridge-flood';

function print(title: string, f: FloodFigures): void {
  console.log(`${title}: ${f.searches.toLocaleString('en')} searches on one bridge socket (TelServer demo PBX)`);
  console.log(
    `  replies                     : ${f.answered.toLocaleString('en')} answered, ${f.refused.toLocaleString('en')} refused with an error`,
  );
  console.log(`  PBX TCP connections at peak : ${f.peakPbxSockets} (limit ${f.requestLimit} requests in flight + 1 keepalive)`);
  console.log(
    `  second client's Answer      : ${f.secondClientMs.toFixed(1)} ms (target ≤ 200 ms), ${f.secondClientOk ? 'the PBX answered that call' : 'FAILED'}`,
  );
  console.log(`  the same Answer, no flood   : ${f.quietAnswerMs.toFixed(1)} ms (this machine, this load: the reference)`);
  console.log(
    `  RSS before / peak / after   : ${f.rssMb.before} / ${f.rssMb.peak} / ${f.rssMb.after} MB (after: 0.5 s after the last reply; target: within 20 MB of before)`,
  );
  console.log(`  V8 heap before / after      : ${f.heapMb.before} / ${f.heapMb.after} MB (after a full GC: what the flood left behind)`);
}

const rssGrowth = (f: FloodFigures) => {
  const mb = f.rssMb.after - f.rssMb.before;
  return `${mb < 0 ? '−' : '+'}${Math.abs(mb).toFixed(1)}`;
};

async function main(): Promise<void> {
  const searches = Number(process.env.BENCH_SEARCHES ?? 10_000);
  const load = loadavg().map((l) => l.toFixed(2));
  const first = await runBridgeFlood(searches);
  print('Directory-search flood, in a process just started', first);
  const again = await runBridgeFlood(searches);
  print('The same flood again, in the same process', again);
  console.log(
    `flood 10k (load ${load.join(' ')}): peak sockets ${first.peakPbxSockets}/${again.peakPbxSockets}, second client ${first.secondClientMs.toFixed(1)}/${again.secondClientMs.toFixed(1)} ms, ` +
      `RSS ${rssGrowth(first)} MB after the first flood (young generation made resident), ${rssGrowth(again)} MB after the second`,
  );
}

void main();

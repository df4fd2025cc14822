/**
 * Benchmark (not a test): 10,000 directory searches on one browser-bridge socket against the TelServer demo PBX
 * while a second client answers a ringing call (main/testing/bridge-flood.ts; main/bridge/flood.test.ts asserts
 * the behaviour). Prints the PBX's peak TCP connections against the scheduler's limit, the second client's
 * command latency against its 200 ms target, and RSS before, at peak and after (target: back within 20 MB).
 *
 *   npm run bench:flood
 */
import { runBridgeFlood } from '../main/testing/bridge-flood';

async function main(): Promise<void> {
  const searches = Number(process.env.BENCH_SEARCHES ?? 10_000);
  const f = await runBridgeFlood(searches);
  console.log(`Directory-search flood: ${f.searches.toLocaleString('en')} searches on one bridge socket (TelServer demo PBX)`);
  console.log(
    `  replies                     : ${f.answered.toLocaleString('en')} answered, ${f.refused.toLocaleString('en')} refused with an error`,
  );
  console.log(`  PBX TCP connections at peak : ${f.peakPbxSockets} (limit ${f.requestLimit} requests in flight + 1 keepalive)`);
  console.log(
    `  second client's Answer      : ${f.secondClientMs.toFixed(1)} ms (target ≤ 200 ms), ${f.secondClientOk ? 'the PBX answered that call' : 'FAILED'}`,
  );
  console.log(`  the same Answer, no flood   : ${f.quietAnswerMs.toFixed(1)} ms (this machine, this load: the reference)`);
  console.log(
    `  RSS before / peak / after   : ${f.rssMb.before} / ${f.rssMb.peak} / ${f.rssMb.after} MB (target: after within 20 MB of before)`,
  );
  console.log(`  V8 heap before / after      : ${f.heapMb.before} / ${f.heapMb.after} MB (after a full GC: what the flood left behind)`);
  console.log(
    `flood 10k: peak sockets ${f.peakPbxSockets}, second client ${f.secondClientMs.toFixed(1)} ms, RSS +${(f.rssMb.after - f.rssMb.before).toFixed(1)} MB after`,
  );
}

void main();

/**
 * Reconnect: how long after the PBX is back does the console's list equal
 * the PBX's? The demo TelServer vanishes 20 times in a row (sessions lost,
 * its port closed: the `outage` fault) for 5 s each, with the console online
 * for only 3 s in between — far less than the 60 s that resets the backoff,
 * so without a probe the waits grow towards the 30 s ceiling. A caller rings
 * during every outage, so the resync has something to bring back. Real
 * sockets, the real client and supervisor; figures in wall time.
 *
 *   npm run bench:reconnect
 */
import type { ConnectionConfig } from '../app/vendors';
import { waitUntil } from '../app/testing/wait-until';
import { ConsoleService } from '../main/core/console-service';
import { CONNECTORS } from '../main/runtime/vendors';
import { startDemoPbx } from '../main/sim';
import { memoryLogger } from '../main/testing/memory-logger';

const OUTAGES = Number(process.env.OUTAGES ?? 20);
const OUTAGE_MS = 5_000;
const ONLINE_MS = 3_000;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function main(): Promise<void> {
  const pbx = await startDemoPbx({ vendors: ['telserver'], mode: 'manual' });
  const telserver = pbx.telserver;
  if (!telserver) throw new Error('the TelServer front end did not start');
  const connection: ConnectionConfig = {
    vendor: 'telserver',
    id: 'bench',
    label: 'Bench TelServer',
    host: telserver.host,
    port: telserver.port,
    lines: [{ device: '1100', label: 'Reception' }],
  };
  const service = new ConsoleService({ connectors: [CONNECTORS.connectorFor(connection, 'EE')], log: memoryLogger() });
  const online = () => service.getState().connections.bench?.state === 'online';
  const ringingFrom = (number: string) => Object.values(service.getState().calls).some((call) => call.remote.number === number);
  const blind: number[] = [];
  try {
    service.start();
    await waitUntil(online, 'online', undefined, 10_000);
    for (let i = 0; i < OUTAGES; i++) {
      telserver.faults.dropAllSessions();
      await telserver.faults.refuseConnections(true);
      await waitUntil(() => !online(), 'offline', undefined, 15_000);
      const caller = `+3725550${String(i).padStart(3, '0')}`;
      pbx.control.incomingCall({ from: caller, to: '1100' });
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      const back = performance.now();
      await telserver.faults.refuseConnections(false);
      // The list equals the PBX's: online, and the call that rang in during the outage is there.
      await waitUntil(() => online() && ringingFrom(caller), 'the list after the outage', undefined, 60_000);
      blind.push(performance.now() - back);
      pbx.control.remoteHangup({ number: caller });
      await new Promise((resolve) => setTimeout(resolve, ONLINE_MS));
    }
  } finally {
    await service.stop();
    await pbx.stop();
  }
  const round = (ms: number) => Math.round(ms);
  console.log(`reconnect (${OUTAGES} consecutive outages of ${OUTAGE_MS / 1000} s, ${ONLINE_MS / 1000} s online between)`);
  console.log(`  PBX back → console list equals the PBX's: ${blind.map(round).join(' ')} ms`);
  console.log(
    `  p50 ${round(percentile(blind, 50))} ms   p99 ${round(percentile(blind, 99))} ms   max ${round(Math.max(...blind))} ms   (target p99 ≤ 2000 ms)`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

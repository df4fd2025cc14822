/**
 * Loaded into the serve that scripts/bench-memory.ts measures (`node --require`, ahead of serve's own code), so serve
 * runs as it is and still answers the bench's questions over the fork's IPC channel: its memory now (after a full GC,
 * when started with --expose-gc) and a heap snapshot. Node's own modules only: nothing here adds to what is measured
 * but this file.
 */
import v8 from 'node:v8';

export interface ChildMemory {
  rss: number;
  /** The smallest and largest RSS of the samples the median `rss` came from. */
  rssMin?: number;
  rssMax?: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** V8's heap spaces: what each has taken from the OS (`size`) and holds live (`used`), in bytes. */
  spaces?: { name: string; size: number; used: number }[];
  /** serve's CPU time so far (user + system), in ms; of the median: its share of one core while the samples were taken. */
  cpuMs: number;
  cpuShare?: number;
  /** Every sample's RSS in the order taken (where a swing falls). */
  rssSamples?: number[];
}

/** `cpu`: serve's CPU time so far, without a GC (to time serve's own work over a span). */
export type ProbeRequest = { kind: 'memory' } | { kind: 'cpu' } | { kind: 'snapshot'; file: string };

/** serve's CPU time so far (user + system), in ms. */
function cpuMs(): number {
  const cpu = process.cpuUsage();
  return (cpu.user + cpu.system) / 1000;
}

function answer(request: ProbeRequest): void {
  if (request.kind === 'cpu') {
    process.send?.({ cpuMs: cpuMs() });
    return;
  }
  globalThis.gc?.();
  if (request.kind === 'snapshot') {
    process.send?.({ file: v8.writeHeapSnapshot(request.file) });
    return;
  }
  const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
  const spaces = v8.getHeapSpaceStatistics().map((s) => ({ name: s.space_name, size: s.space_size, used: s.space_used_size }));
  process.send?.({ rss, heapUsed, heapTotal, external, arrayBuffers, spaces, cpuMs: cpuMs() } satisfies ChildMemory);
}

if (process.send) process.on('message', answer);

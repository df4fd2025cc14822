/**
 * A bridge client that goes away takes its directory searches with it: one running at the PBX is told to stop
 * (its socket closes there) and one waiting for a PBX slot never starts, so the slots go to the clients still there.
 */
import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import { afterEach, expect, it } from 'vitest';
import type { DirectoryEntry } from '../../app/model';
import { waitUntil } from '../../app/testing/wait-until';
import type { Connector, ConnectorHost } from '../core/connector';
import { ConsoleService } from '../core/console-service';
import { memoryLogger } from '../testing/memory-logger';
import { testLine } from '../testing/test-connector';
import { BridgeSession } from './ws-session';

/** A PBX whose searches end only when the test says, or when they are told to stop. */
class SlowSearchConnector implements Connector {
  readonly id = 'test';
  readonly vendor = 'telserver' as const;
  readonly label = 'Test PBX';
  readonly started: { text: string; signal: AbortSignal; finish: () => void }[] = [];
  constructor(private readonly host: ConnectorHost) {}
  async connect(): Promise<void> {
    this.host.emit({ type: 'lineUpserted', line: testLine() });
  }
  async disconnect(): Promise<void> {}
  async execute() {
    return { ok: true as const };
  }
  searchDirectory(text: string, _limit: number, signal: AbortSignal): Promise<DirectoryEntry[]> {
    return new Promise((resolve, reject) => {
      this.started.push({ text, signal, finish: () => resolve([]) });
      signal.addEventListener('abort', () => reject(signal.reason as Error));
    });
  }
}

/** The part of a ws socket a session uses. */
class FakeSocket extends EventEmitter {
  readyState = 1;
  bufferedAmount = 0;
  readonly sent: string[] = [];
  send(text: string): void {
    this.sent.push(text);
  }
  terminate(): void {
    this.readyState = 3;
    this.emit('close');
  }
  pause(): void {}
  resume(): void {}
}

let service: ConsoleService | undefined;
afterEach(async () => {
  await service?.stop();
  service = undefined;
});

const searchFrame = (text: string) => Buffer.from(JSON.stringify({ id: 1, method: 'searchDirectory', params: { text, scope: 'all' } }));

it("stops a closed client's searches at the PBX, running or waiting for a slot", async () => {
  let pbx: SlowSearchConnector | undefined;
  service = new ConsoleService({
    connectors: [(host) => (pbx = new SlowSearchConnector(host))],
    log: memoryLogger(),
    requestLimits: { maxInFlight: 1, maxQueued: 10, reservedForCommands: 0 },
    searchTimeoutMs: 60_000,
  });
  service.start();
  await waitUntil(() => service?.getState().connections.test?.state === 'online', 'online');

  const a = new FakeSocket();
  new BridgeSession(a as unknown as WebSocket, service, memoryLogger());
  a.emit('message', searchFrame('alice'), false);
  await waitUntil(() => pbx?.started.length === 1, "A's search at the PBX");
  const b = new FakeSocket();
  new BridgeSession(b as unknown as WebSocket, service, memoryLogger());
  b.emit('message', searchFrame('bob'), false);
  await new Promise((resolve) => setTimeout(resolve, 20));

  b.terminate();
  a.terminate();
  await waitUntil(() => pbx?.started[0]?.signal.aborted === true, "A's search told to stop");
  // The slot A held is free, and B's search, whose client is gone too, never starts.
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(pbx?.started.map((search) => search.text)).toEqual(['alice']);

  // A client still there is answered at once.
  const c = new FakeSocket();
  new BridgeSession(c as unknown as WebSocket, service, memoryLogger());
  c.emit('message', searchFrame('carol'), false);
  await waitUntil(() => pbx?.started.length === 2, "C's search at the PBX");
  pbx?.started[1]?.finish();
  await waitUntil(() => c.sent.some((frame) => frame.includes('"id":1')), "C's answer");
});

/**
 * A real Connector whose lines and calls a test scripts by hand, for the
 * bridge tests: the bridges are exercised against a real ConsoleService
 * without any PBX or simulator.
 */
import { accepted, type Command, type CommandResult } from '../../app/commands';
import type { Call, DirectoryEntry, Line } from '../../app/model';
import type { Connector, ConnectorFactory, ConnectorHost } from '../core/connector';
import { ConsoleService } from '../core/console-service';
import { memoryLogger } from '../core/log';

export const TEST_CONNECTION_ID = 'test';
export const TEST_LINE_ID = 'test/100';

export class TestConnector implements Connector {
  readonly id = TEST_CONNECTION_ID;
  readonly vendor = 'telserver' as const;
  readonly label = 'Test PBX';
  readonly executed: Command[] = [];
  directory: DirectoryEntry[] = [{ number: '+4930123456', name: 'Alice Example', source: 'Test PBX' }];

  constructor(private readonly host: ConnectorHost) {}

  async connect(): Promise<void> {
    this.host.emit({ type: 'lineUpserted', line: testLine() });
  }

  async disconnect(): Promise<void> {}

  async execute(command: Command): Promise<CommandResult> {
    this.executed.push(command);
    return accepted;
  }

  async searchDirectory(text: string, limit: number): Promise<DirectoryEntry[]> {
    return this.directory.filter((e) => (e.name ?? '').toLowerCase().includes(text.toLowerCase())).slice(0, limit);
  }

  /** Makes a call ring on the test line, as a PBX event would. */
  ring(callId: string, from: string): Call {
    const call: Call = {
      id: callId,
      lineId: TEST_LINE_ID,
      connectionId: TEST_CONNECTION_ID,
      direction: 'incoming',
      state: 'ringing',
      remote: { number: from },
      conference: false,
      startedAt: Date.now(),
      actions: ['answer', 'hangup', 'divert'],
    };
    this.host.emit({ type: 'callUpserted', call });
    return call;
  }
}

export function testLine(): Line {
  return {
    id: TEST_LINE_ID,
    connectionId: TEST_CONNECTION_ID,
    vendor: 'telserver',
    number: '100',
    label: 'Reception',
    country: 'DE',
    capabilities: ['dial', 'answer', 'hangup', 'divert', 'directory'],
    dnd: false,
    forwards: [],
    messageWaiting: false,
  };
}

/** A started ConsoleService over one TestConnector, online once `ready` resolves. */
export async function startTestService(): Promise<{ service: ConsoleService; connector: TestConnector }> {
  let connector: TestConnector | undefined;
  const factory: ConnectorFactory = (host) => (connector = new TestConnector(host));
  const service = new ConsoleService({ connectors: [factory], log: memoryLogger() });
  service.start();
  // connect() resolves on the next microtasks; wait until the supervisor reports online.
  for (let i = 0; i < 50 && service.getState().connections[TEST_CONNECTION_ID]?.state !== 'online'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  if (!connector) throw new Error('connector not created');
  return { service, connector };
}

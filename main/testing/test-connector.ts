/**
 * A real Connector whose lines and calls a test scripts by hand, for the
 * bridge and IPC tests: they exercise a real ConsoleService without any PBX
 * or simulator.
 */
import { accepted, type Command, type CommandResult } from '../../app/commands';
import type { Call, DirectoryEntry, Line } from '../../app/model';
import { call, line } from '../../app/testing/fixtures';
import { waitUntil } from '../../app/testing/wait-until';
import type { Connector, ConnectorFactory, ConnectorHost } from '../core/connector';
import { ConsoleService } from '../core/console-service';
import { memoryLogger } from './memory-logger';

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
  ring(callId: string, from: string, name?: string): Call {
    const ringing = call({
      id: callId,
      lineId: TEST_LINE_ID,
      remote: name === undefined ? { number: from } : { number: from, name },
      startedAt: this.host.clock.now(),
      actions: ['answer', 'hangup', 'divert'],
    });
    this.host.emit({ type: 'callUpserted', call: ringing });
    return ringing;
  }
}

export function testLine(): Line {
  return line({ id: TEST_LINE_ID, country: 'DE', capabilities: ['dial', 'answer', 'hangup', 'divert', 'directory'] });
}

/** A started ConsoleService over one TestConnector, online when this resolves. */
export async function startTestService(): Promise<{ service: ConsoleService; connector: TestConnector }> {
  let connector: TestConnector | undefined;
  const factory: ConnectorFactory = (host) => (connector = new TestConnector(host));
  const service = new ConsoleService({ connectors: [factory], log: memoryLogger() });
  service.start();
  // connect() resolves on the next microtasks; wait until the supervisor reports online.
  await waitUntil(
    () => service.getState().connections[TEST_CONNECTION_ID]?.state === 'online',
    'the test connection online',
    undefined,
    1000,
  );
  if (!connector) throw new Error('connector not created');
  return { service, connector };
}

/**
 * The connection the TelServer integration tests open to the demo PBX's
 * TelServer front end: reception (1100), with a request time-out short
 * enough for a fault to show within a test's wait. Kept in one place so each
 * test names only what it is about (its id and label, a keepalive, a fault
 * switch). link-timing.integration.test.ts keeps its own: it is about
 * TelServer's defaults.
 */
import type { TelServerConnectionConfig } from '../../../app/vendors';
import { InvariantError } from '../../core/errors';

export function demoTelServerConnection(
  /** The demo PBX's TelServer front end (DemoPbx.telserver). */
  endpoint: { host: string; port: number } | undefined,
  connection: Pick<TelServerConnectionConfig, 'id' | 'label'> & Partial<TelServerConnectionConfig>,
): TelServerConnectionConfig {
  if (!endpoint) throw new InvariantError('the demo PBX runs no TelServer front end');
  return {
    vendor: 'telserver',
    host: endpoint.host,
    port: endpoint.port,
    requestTimeoutMs: 1000,
    lines: [{ device: '1100', label: 'Reception' }],
    ...connection,
  };
}

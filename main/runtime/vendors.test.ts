import { describe, expect, it } from 'vitest';
import { accepted } from '../../app/commands';
import { parseConfig } from '../../app/config';
import type { Line } from '../../app/model';
import { echoVendor, type EchoConnectionConfig } from '../../app/testing/throwaway-vendor';
import { waitUntil } from '../../app/testing/wait-until';
import { VENDOR_DEFINITIONS, type BaseConnectionConfig } from '../../app/vendors';
import type { VendorModule } from '../connectors/shared/vendor-module';
import { ConsoleService } from '../core/console-service';
import { memoryLogger } from '../testing/memory-logger';
import { createConnectorRegistry, CONNECTORS, VENDOR_MODULES } from './vendors';

/** The throw-away vendor's main/ side: a connector that shows one line. */
const echoModule: VendorModule<EchoConnectionConfig> = {
  definition: echoVendor,
  capabilities: ['dial'],
  createConnector: (config, host) => ({
    id: config.id,
    vendor: 'telserver',
    label: config.label,
    connect: async () => {
      const line: Line = {
        id: `${config.id}/1`,
        connectionId: config.id,
        vendor: 'telserver',
        number: '1',
        label: config.host,
        country: 'EE',
        capabilities: ['dial'],
        dnd: false,
        forwards: [],
        messageWaiting: false,
      };
      host.emit({ type: 'lineUpserted', line });
    },
    disconnect: async () => {},
    execute: async () => accepted,
    searchDirectory: async () => [],
  }),
};

describe('the vendor registry', () => {
  it('lists the same vendors, in the same order, as app/ does', () => {
    expect(VENDOR_MODULES.map((m) => m.definition.vendor)).toEqual(VENDOR_DEFINITIONS.map((d) => d.vendor));
    expect(CONNECTORS.vendors.definitions).toEqual(VENDOR_DEFINITIONS);
  });

  it('picks up a throw-away vendor from its module alone: configuration check and connector', async () => {
    const registry = createConnectorRegistry<BaseConnectionConfig>([...VENDOR_MODULES, echoModule]);
    const raw = { connections: [{ vendor: 'echo', id: 'lab', label: 'Lab', host: 'echo.example' }] };
    const config = parseConfig(raw, 'lab.json', registry.vendors);
    expect(config.connections[0]).toEqual({ vendor: 'echo', id: 'lab', label: 'Lab', host: 'echo.example' });
    expect(() => parseConfig({ connections: [{ ...raw.connections[0], host: 'not a host' }] }, 'lab.json', registry.vendors)).toThrow(
      /lab\.json: connections\[0\]\.host: A host name or IP address/,
    );
    // The product's registry does not know it.
    expect(() => parseConfig(raw, 'lab.json')).toThrow(/connections\[0\]\.vendor/);

    const connection = config.connections[0];
    if (!connection) throw new Error('no connection');
    const service = new ConsoleService({ connectors: [registry.connectorFor(connection, 'EE')], log: memoryLogger() });
    service.start();
    await waitUntil(() => service.getState().connections.lab?.state === 'online', 'the echo connection online');
    expect(service.getState().lines['lab/1']).toMatchObject({ label: 'echo.example' });
    await service.stop();
  });
});

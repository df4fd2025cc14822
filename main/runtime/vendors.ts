/**
 * The vendors main/ runs, in one list: adding a vendor adds one line here.
 * The registry built from a list turns a connection's settings into its
 * connector and validates configurations with the same vendors' schemas; a
 * test builds one with a throw-away vendor added.
 */
import { InvariantError } from '../core/errors';
import { createVendorRegistry, type BaseConnectionConfig, type ConnectionConfig, type VendorRegistry } from '../../app/vendors';
import { innovaphoneModule } from '../connectors/innovaphone';
import { portasipModule } from '../connectors/portasip';
import type { VendorModule } from '../connectors/shared/vendor-module';
import { teliaModule } from '../connectors/telia';
import { telserverModule } from '../connectors/telserver';
import type { ConnectorFactory } from '../core/connector';

export const VENDOR_MODULES: readonly VendorModule<ConnectionConfig>[] = [telserverModule, innovaphoneModule, portasipModule, teliaModule];

export interface ConnectorRegistry<C extends BaseConnectionConfig = BaseConnectionConfig> {
  readonly modules: readonly VendorModule<C>[];
  /** The same vendors' schemas: the configuration file and the settings view are checked with them. */
  readonly vendors: VendorRegistry<C>;
  module(vendor: string): VendorModule<C> | undefined;
  /** One connection's connector (also for connections added or tested at runtime). */
  connectorFor(connection: C, defaultCountry: string): ConnectorFactory;
}

export function createConnectorRegistry<C extends BaseConnectionConfig>(modules: readonly VendorModule<C>[]): ConnectorRegistry<C> {
  const byVendor = new Map(modules.map((m) => [m.definition.vendor, m]));
  const vendors = createVendorRegistry(modules.map((m) => m.definition));
  return {
    modules,
    vendors,
    module: (vendor) => byVendor.get(vendor),
    connectorFor(connection, defaultCountry) {
      const module = byVendor.get(connection.vendor);
      // Unreachable for validated settings: the schema accepts only the registry's vendors.
      if (!module) throw new InvariantError(`No connector for the vendor "${connection.vendor}".`);
      return (host) => module.createConnector(connection, host, defaultCountry);
    },
  };
}

export const CONNECTORS: ConnectorRegistry<ConnectionConfig> = createConnectorRegistry(VENDOR_MODULES);

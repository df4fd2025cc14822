/**
 * What one vendor brings, as main/ sees it: its definition from app/ (the
 * settings schema and form), what its lines can do, how to build its
 * connector, and how the demo PBX's front end for it is reached. Each
 * vendor's index.ts exports one; main/runtime/vendors.ts lists them.
 */
import type { LineCapability } from '../../../app/model';
import type { BaseConnectionConfig, VendorDefinition } from '../../../app/vendors';
import type { Connector, ConnectorHost } from '../../core/connector';
import type { DemoConnection } from '../../sim/demo-connection';

export interface VendorModule<C extends BaseConnectionConfig = BaseConnectionConfig> {
  readonly definition: VendorDefinition<C>;
  /** Everything this vendor's lines can do; a line offers the part its PBX allows. */
  readonly capabilities: readonly LineCapability[];
  /** One configured connection's connector (the core's supervisor drives its lifecycle). */
  createConnector(config: C, host: ConnectorHost, defaultCountry: string): Connector;
  /** The demo PBX's front end for this vendor, when the demo speaks its protocol. */
  readonly demo?: DemoConnection<C>;
}

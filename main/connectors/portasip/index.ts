/** The PortaSIP vendor module: the one public entry of this folder (main/runtime/vendors.ts lists it). */
import { portasip } from '../../../app/vendors/portasip';
import type { PortaSipConnectionConfig } from '../../../app/vendors';
import { portasipDemo } from './demo';
import type { VendorModule } from '../shared/vendor-module';
import { RECEPTION_CAPABILITIES } from './adapter';
import { PortaSipConnector } from './connector';

export const portasipModule: VendorModule<PortaSipConnectionConfig> = {
  definition: portasip,
  capabilities: RECEPTION_CAPABILITIES,
  createConnector: (config, host, defaultCountry) => new PortaSipConnector(config, host, defaultCountry),
  demo: portasipDemo,
};

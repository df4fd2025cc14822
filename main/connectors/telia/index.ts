/** The Telia vendor module: the one public entry of this folder (main/runtime/vendors.ts lists it). */
import { telia } from '../../../app/vendors/telia';
import type { TeliaConnectionConfig } from '../../../app/vendors';
import { teliaDemo } from './demo';
import type { VendorModule } from '../shared/vendor-module';
import { TELIA_CAPABILITIES } from './adapter';
import { TeliaConnector } from './connector';

export const teliaModule: VendorModule<TeliaConnectionConfig> = {
  definition: telia,
  capabilities: TELIA_CAPABILITIES,
  createConnector: (config, host, defaultCountry) => new TeliaConnector(config, host, defaultCountry),
  demo: teliaDemo,
};

/** The TelServer vendor module: the one public entry of this folder (main/runtime/vendors.ts lists it). */
import { telserver } from '../../../app/vendors/telserver';
import type { TelServerConnectionConfig } from '../../../app/vendors';
import { telserverDemo } from './demo';
import type { VendorModule } from '../shared/vendor-module';
import { TELSERVER_CAPABILITIES } from './adapter';
import { TelServerConnector } from './connector';

export const telserverModule: VendorModule<TelServerConnectionConfig> = {
  definition: telserver,
  capabilities: TELSERVER_CAPABILITIES,
  createConnector: (config, host, defaultCountry) => new TelServerConnector(config, host, defaultCountry),
  demo: telserverDemo,
};

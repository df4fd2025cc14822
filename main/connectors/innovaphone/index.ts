/** The innovaphone vendor module: the one public entry of this folder (main/runtime/vendors.ts lists it). */
import { innovaphone } from '../../../app/vendors/innovaphone';
import type { InnovaphoneConnectionConfig } from '../../../app/vendors';
import { innovaphoneDemo } from './demo';
import type { VendorModule } from '../shared/vendor-module';
import { INNOVAPHONE_CAPABILITIES } from './adapter';
import { InnovaphoneConnector } from './connector';

export const innovaphoneModule: VendorModule<InnovaphoneConnectionConfig> = {
  definition: innovaphone,
  capabilities: INNOVAPHONE_CAPABILITIES,
  createConnector: (config, host, defaultCountry) => new InnovaphoneConnector(config, host, defaultCountry),
  demo: innovaphoneDemo,
};

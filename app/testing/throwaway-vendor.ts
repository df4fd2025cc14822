/**
 * A vendor that exists only in tests: one definition in the shape every real
 * vendor has (schema and settings form), to show that the registries, the
 * configuration check and the settings form pick a vendor up from its
 * definition alone.
 */
import { COMMON_FIELDS, commonSettings, type VendorDefinition } from '../vendors/definition';
import { connectionId, connectionLabel, host } from '../validation/fields';
import { v } from '../validation/schema';

export const echoConnectionSchema = v.strictObject({
  vendor: v.literal('echo'),
  id: connectionId,
  label: connectionLabel,
  host,
});

export type EchoConnectionConfig = v.InferOutput<typeof echoConnectionSchema>;

export const echoVendor: VendorDefinition<EchoConnectionConfig> = {
  vendor: 'echo',
  name: 'Echo PBX',
  schema: echoConnectionSchema,
  form: {
    passwordRequired: false,
    fields: [...COMMON_FIELDS, { key: 'host', label: 'settings.field.telserverHost', kind: 'text', required: true, paths: /^host$/ }],
    toConnection: (values, base) => ({ ...base, vendor: 'echo', ...commonSettings(values), host: (values.host ?? '').trim() }),
    toValues: (c) => ({ label: c.label, id: c.id, host: c.host }),
  },
  credentialTarget: (c) => ({ host: c.host }),
};

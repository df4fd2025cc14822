/**
 * The vendors app/ knows, in one list: adding a vendor adds one line here
 * (and its folder under main/connectors/, its simulator under main/sim/, its
 * catalog entries). Everything else is derived: the `Vendor` type, the
 * connection settings union, the configuration file's schema, the settings
 * form's vendor list.
 */
import { country } from '../validation/fields';
import { issuePathTo, says, v } from '../validation/schema';
import type { BaseConnectionConfig, VendorDefinition } from './definition';
import { innovaphone } from './innovaphone';
import { portasip } from './portasip';
import { telia } from './telia';
import { telserver } from './telserver';

export const VENDOR_DEFINITIONS = [telserver, innovaphone, portasip, telia] as const;

export type Vendor = (typeof VENDOR_DEFINITIONS)[number]['vendor'];
export type ConnectionConfig = v.InferOutput<(typeof VENDOR_DEFINITIONS)[number]['schema']>;

/** Most connections one configuration may hold. */
export const MAX_CONNECTIONS = 32;

/** What the registry derives from a list of vendor definitions (the product's, or a test's with one more). */
export interface VendorRegistry<C extends BaseConnectionConfig = ConnectionConfig> {
  readonly definitions: readonly VendorDefinition<C>[];
  definition(vendor: string): VendorDefinition<C> | undefined;
  /** One connection's settings, checked by its vendor's schema (picked by `vendor`). */
  readonly connectionSchema: v.GenericSchema<unknown, C>;
  /** The configuration file: the default country and the connections, ids unique. */
  readonly configSchema: v.GenericSchema<unknown, { defaultCountry?: string; connections: C[] }>;
}

export function createVendorRegistry<C extends BaseConnectionConfig>(definitions: readonly VendorDefinition<C>[]): VendorRegistry<C> {
  const byVendor = new Map(definitions.map((d) => [d.vendor, d]));
  const vendors = definitions.map((d) => d.vendor);
  const connectionSchema = v.pipe(
    v.looseObject({ vendor: v.picklist(vendors, says('validation.vendor')) }),
    v.rawTransform(({ dataset, addIssue, NEVER }): C => {
      const schema = byVendor.get(dataset.value.vendor)?.schema;
      const result = schema ? v.safeParse(schema, dataset.value) : undefined;
      if (result?.success) return result.output;
      for (const issue of result?.issues ?? []) {
        // The vendor's issue goes on inside this step's, its path kept: what it expected (a field, a length) says the
        // message (issueMessage). Valibot keeps `issues` on the issue it adds, though its info type does not list it.
        const info = { message: issue.message, path: issue.path, received: issue.received, issues: [issue] };
        addIssue(info);
      }
      return NEVER;
    }),
  );
  const configSchema = v.pipe(
    v.strictObject({
      defaultCountry: v.optional(country),
      connections: v.pipe(v.array(connectionSchema), v.maxLength(MAX_CONNECTIONS, says('validation.tooManyConnections'))),
    }),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const seen = new Set<string>();
      for (const [index, connection] of dataset.value.connections.entries()) {
        if (seen.has(connection.id)) {
          addIssue({ message: says('validation.listedTwice'), path: issuePathTo(dataset.value, ['connections', index, 'id']) });
          return;
        }
        seen.add(connection.id);
      }
    }),
  );
  return { definitions, definition: (vendor) => byVendor.get(vendor), connectionSchema, configSchema };
}

/** The product's vendors. */
export const VENDORS: VendorRegistry = createVendorRegistry<ConnectionConfig>(VENDOR_DEFINITIONS);

export function isVendor(value: string): value is Vendor {
  return VENDORS.definition(value) !== undefined;
}

export type { BaseConnectionConfig, FormField, VendorDefinition, VendorForm } from './definition';
export type { InnovaphoneConnectionConfig, InnovaphoneLineConfig } from './innovaphone';
export type { PortaSipConnectionConfig, PortaSipExtensionConfig, PortaSipScope } from './portasip';
export type { TeliaConnectionConfig, TeliaListenConfig, TeliaPollConfig } from './telia';
export type { TelServerConnectionConfig, TelServerLineConfig } from './telserver';

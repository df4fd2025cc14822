/**
 * What app/ knows of a vendor: its connection settings as a schema (the core
 * validates the configuration file with it, the settings form validates what
 * the receptionist typed with the same schema) and the settings form's
 * fields. The vendor's code (connector, demo front end) lives in main/.
 */
import type { MessageKey } from '../i18n/message';
import type { v } from '../validation/schema';

/** Every vendor's connection settings have these. */
export interface BaseConnectionConfig {
  vendor: string;
  id: string;
  label: string;
}

/** One input of the settings form. */
export interface FormField {
  /** The key of the form's value. */
  key: string;
  label: MessageKey;
  kind: 'text' | 'number' | 'url';
  required: boolean;
  /** An example value (a host name, an address): not language, shown as it is. */
  example?: string;
  /** An example in words, from the catalog. */
  exampleText?: MessageKey;
  hint?: MessageKey;
  /** A problem the schema finds at a path matching this belongs to this field. */
  paths: RegExp;
  /** Cannot change once saved (the id, which names the stored password). */
  fixedOnEdit?: boolean;
}

export interface VendorForm<C extends BaseConnectionConfig> {
  fields: readonly FormField[];
  /** Whether the vendor cannot log in without a password. */
  passwordRequired: boolean;
  /** The settings the form's values make; fields the form does not show are kept from `base` (editing). */
  toConnection(values: Readonly<Record<string, string>>, base: C | undefined): Record<string, unknown>;
  /** The form's values for saved settings. */
  toValues(connection: C): Record<string, string>;
}

export interface VendorDefinition<C extends BaseConnectionConfig = BaseConnectionConfig> {
  vendor: C['vendor'];
  /** The product's name as it is sold (never translated). */
  name: string;
  schema: v.GenericSchema<unknown, C>;
  form: VendorForm<C>;
  /**
   * Where and as whom these settings send a password (address, login, the certificate trusted): a password stored
   * for saved settings, or held by an environment variable they name, is used only by settings with the same
   * target, so a page that changes the address cannot have the saved password sent there.
   */
  credentialTarget(connection: C): unknown;
}

/** Name and id: the first two fields of every vendor's form. */
export const COMMON_FIELDS: readonly FormField[] = [
  {
    key: 'label',
    label: 'settings.field.label',
    kind: 'text',
    required: true,
    exampleText: 'settings.field.labelExample',
    paths: /^label$/,
  },
  {
    key: 'id',
    label: 'settings.field.id',
    kind: 'text',
    required: true,
    example: 'head-office',
    hint: 'settings.field.idHint',
    paths: /^id$/,
    fixedOnEdit: true,
  },
];

/** The common fields' part of a connection. */
export function commonSettings(values: Readonly<Record<string, string>>): { id: string; label: string } {
  return { id: (values.id ?? '').trim(), label: (values.label ?? '').trim() };
}

/** A form value for a saved scalar ('' when absent). */
export function formText(value: string | number | undefined): string {
  return value === undefined ? '' : String(value);
}

/** A number field's value: a number when it reads as one, else the text (so the schema says what is wrong). */
export function formNumber(value: string | undefined): number | string {
  const trimmed = (value ?? '').trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

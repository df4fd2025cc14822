/**
 * What the settings form asks for each vendor: a few fields a receptionist
 * or installer can fill in, how they become the vendor's connection
 * settings, and how saved settings fill the form again. Fields the form does
 * not show (timeouts, event ports…) are kept from the saved connection when
 * editing. The core validates everything again with the vendor's own
 * validator; the checks here only give fast feedback.
 */
import type { ConnectionDraft } from '../../../../app/contract';
import type { Vendor } from '../../../../app/model';

export interface FieldSpec {
  key: string;
  label: string;
  type: 'text' | 'number' | 'url';
  required: boolean;
  placeholder?: string;
  hint?: string;
  /** A sentence when the value is wrong, else null (only called on non-empty values). */
  check?(value: string): string | null;
}

export interface VendorForm {
  vendor: Vendor;
  name: string;
  fields: FieldSpec[];
  /** Whether the vendor cannot log in without a password. */
  passwordRequired: boolean;
  toConnection(values: Record<string, string>, base: Partial<ConnectionDraft>): ConnectionDraft;
  toValues(connection: ConnectionDraft): Record<string, string>;
}

const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const list = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

const checkPort = (value: string) =>
  /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 65535 ? null : 'A port from 1 to 65535.';
const checkHost = (value: string) => (/^[A-Za-z0-9.:\-[\]]+$/.test(value) ? null : 'A host name or IP address, without http:// or spaces.');
const checkNumbers = (value: string) => (list(value).every((n) => /^\+?[0-9*#]+$/.test(n)) ? null : 'Numbers separated by commas.');
const checkUrl = (schemes: string[]) => (value: string) => {
  try {
    return schemes.includes(new URL(value).protocol) ? null : `An address starting with ${schemes.map((s) => `${s}//`).join(' or ')}.`;
  } catch {
    return 'A full address, e.g. https://pbx.example.com/…';
  }
};

/** Fields every vendor has: a label and the id (the credential store's account name; fixed once saved). */
const COMMON: FieldSpec[] = [
  { key: 'label', label: 'Name', type: 'text', required: true, placeholder: 'Head office PBX' },
  {
    key: 'id',
    label: 'Short name (id)',
    type: 'text',
    required: true,
    placeholder: 'head-office',
    hint: 'Lower-case letters, digits and dashes; cannot be changed later.',
    check: (v) => (ID_PATTERN.test(v) && v.length <= 64 ? null : 'Lower-case letters, digits and dashes, starting with a letter or digit.'),
  },
];

const common = (values: Record<string, string>) => ({ id: values.id.trim(), label: values.label.trim() });

export const VENDOR_FORMS: Record<Vendor, VendorForm> = {
  telserver: {
    vendor: 'telserver',
    name: 'TelServer',
    passwordRequired: false,
    fields: [
      ...COMMON,
      { key: 'host', label: 'TelServer host', type: 'text', required: true, placeholder: 'telserver.example.com', check: checkHost },
      { key: 'port', label: 'TelServer port', type: 'number', required: true, placeholder: '4000', check: checkPort },
      { key: 'devices', label: 'Devices (extensions)', type: 'text', required: true, placeholder: '1100, 1101', check: checkNumbers },
      { key: 'userId', label: 'User id (if the devices need a login)', type: 'text', required: false },
    ],
    toConnection: (values, base) => {
      const userId = values.userId.trim();
      const previous = new Map(((base.lines as { device: string }[] | undefined) ?? []).map((line) => [line.device, line]));
      return {
        ...base,
        vendor: 'telserver',
        ...common(values),
        host: values.host.trim(),
        port: Number(values.port),
        lines: list(values.devices).map((device) => {
          const { userId: _old, ...kept } = (previous.get(device) ?? { device }) as { device: string; userId?: string };
          return userId ? { ...kept, userId } : kept;
        }),
      };
    },
    toValues: (c) => {
      const lines = (c.lines as { device: string; userId?: string }[] | undefined) ?? [];
      return {
        label: c.label,
        id: c.id,
        host: fieldText(c.host),
        port: fieldText(c.port),
        devices: lines.map((l) => l.device).join(', '),
        userId: lines.find((l) => l.userId)?.userId ?? '',
      };
    },
  },
  innovaphone: {
    vendor: 'innovaphone',
    name: 'innovaphone',
    passwordRequired: true,
    fields: [
      ...COMMON,
      {
        key: 'url',
        label: 'SOAP address',
        type: 'url',
        required: true,
        placeholder: 'https://pbx.example.com/PBX0/user.soap',
        check: checkUrl(['http:', 'https:']),
      },
      { key: 'username', label: 'User name', type: 'text', required: true },
      { key: 'users', label: 'Monitored users (Long Names)', type: 'text', required: true, placeholder: 'Reception, Reception 2' },
    ],
    toConnection: (values, base) => {
      const previous = new Map(((base.lines as { cn: string }[] | undefined) ?? []).map((line) => [line.cn, line]));
      return {
        ...base,
        vendor: 'innovaphone',
        ...common(values),
        url: values.url.trim(),
        username: values.username.trim(),
        lines: list(values.users).map((cn) => previous.get(cn) ?? { cn }),
      };
    },
    toValues: (c) => ({
      label: c.label,
      id: c.id,
      url: fieldText(c.url),
      username: fieldText(c.username),
      users: ((c.lines as { cn: string }[] | undefined) ?? []).map((l) => l.cn).join(', '),
    }),
  },
  portasip: {
    vendor: 'portasip',
    name: 'PortaSIP',
    passwordRequired: true,
    fields: [
      ...COMMON,
      {
        key: 'url',
        label: 'API address',
        type: 'url',
        required: true,
        placeholder: 'wss://pbx.example.com:8444/ws',
        check: checkUrl(['wss:', 'ws:']),
      },
      { key: 'login', label: 'API login', type: 'text', required: true },
      {
        key: 'customer',
        label: 'Customer id (i_customer)',
        type: 'number',
        required: true,
        check: (v) => (/^[1-9]\d*$/.test(v) ? null : 'A positive whole number.'),
      },
      { key: 'reception', label: 'Reception extension', type: 'text', required: true, placeholder: '1100', check: checkNumbers },
    ],
    toConnection: (values, base) => ({
      ...base,
      vendor: 'portasip',
      ...common(values),
      url: values.url.trim(),
      login: values.login.trim(),
      watch: [{ i_customer: Number(values.customer) }],
      reception: { ...(base.reception ?? {}), number: values.reception.trim() },
    }),
    toValues: (c) => ({
      label: c.label,
      id: c.id,
      url: fieldText(c.url),
      login: fieldText(c.login),
      customer: String((c.watch as { i_customer?: number }[] | undefined)?.find((w) => w.i_customer !== undefined)?.i_customer ?? ''),
      reception: String((c.reception as { number?: string } | undefined)?.number ?? ''),
    }),
  },
  telia: {
    vendor: 'telia',
    name: 'Telia Smart calls',
    passwordRequired: true,
    fields: [
      ...COMMON,
      { key: 'username', label: 'Administrator user name', type: 'text', required: true, placeholder: 'P0000000@elion.ee' },
    ],
    toConnection: (values, base) => ({
      ...base,
      vendor: 'telia',
      ...common(values),
      username: values.username.trim(),
      // A console behind NAT cannot be called back: poll unless the saved settings say otherwise.
      notifications: base.notifications ?? { mode: 'poll' },
    }),
    toValues: (c) => ({ label: c.label, id: c.id, username: fieldText(c.username) }),
  },
};

/** Fast feedback: the first problem of each field, by key. */
export function checkValues(form: VendorForm, values: Record<string, string>): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const field of form.fields) {
    const value = (values[field.key] ?? '').trim();
    if (value === '') {
      if (field.required) problems[field.key] = `${field.label} is required.`;
      continue;
    }
    const problem = field.check?.(value);
    if (problem) problems[field.key] = problem;
  }
  return problems;
}

export function emptyValues(form: VendorForm): Record<string, string> {
  return Object.fromEntries(form.fields.map((field) => [field.key, '']));
}

/** A saved field as the form's text ('' when absent or not a scalar). */
function fieldText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

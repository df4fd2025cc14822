/**
 * Runtime validation of everything that crosses a boundary (the IPC and
 * WebSocket contract, the configuration file, the settings form) with
 * valibot: each schema is written once and its TypeScript type is inferred
 * from it. A failed check becomes Problems — a path and a catalog message —
 * so the settings form can show it in the receptionist's language and a
 * configuration error can name the place.
 */
import * as v from 'valibot';
import { isCatalogKey } from '../i18n/keys';
import { msg, type Message, type MessageKey } from '../i18n/message';

export { v };

/** A check's message: a catalog key, checked by the compiler (`v.regex(re, says('validation.host'))`). */
export function says(key: MessageKey): MessageKey {
  return key;
}

/** Upper bound on any string crossing a boundary: protects against memory abuse. */
export const MAX_STRING = 4096;

/** A string (trimmed of nothing) of at most `max` characters; `min` for required text. */
export const text = (min = 0, max = MAX_STRING) =>
  v.pipe(
    v.string(says('validation.text')),
    v.minLength(min, says(min === 1 ? 'validation.required' : 'validation.minLength')),
    v.maxLength(max),
  );

export const integer = (min: number, max: number) =>
  v.pipe(v.number(says('validation.integer')), v.integer(says('validation.integer')), v.minValue(min), v.maxValue(max));

/** One place of a failed check: `connections[0].port`, and what was wrong there. */
export interface Problem {
  path: string;
  message: Message;
}

export class SchemaError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(problems.map((p) => `${p.path || 'value'}: ${p.message.key}`).join('; '));
    this.name = 'SchemaError';
  }
}

/** `connections[0].lines[2].device` from valibot's issue path. */
export function issuePath(issue: v.BaseIssue<unknown>, prefix = ''): string {
  let out = prefix;
  for (const item of issue.path ?? []) {
    const key = item.key;
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/**
 * The catalog message for an issue: a check that names a catalog key as its
 * message says that; otherwise the kind of check says what was expected.
 */
export function issueMessage(issue: v.BaseIssue<unknown>): Message {
  // A step that passes on another schema's issue (the vendor registry's) carries it inside: that one says what was expected.
  const inner = issue.type === 'raw_transform' && issue.issues?.length === 1 ? issue.issues[0] : undefined;
  if (inner) return issueMessage(inner);
  if (isCatalogKey(issue.message)) return msg(issue.message, requirementParams(issue));
  switch (issue.type) {
    case 'string':
      return msg('validation.text');
    case 'number':
    case 'integer':
      return msg('validation.integer');
    case 'boolean':
      return msg('validation.boolean');
    case 'min_length':
      return issue.requirement === 1 ? msg('validation.required') : msg('validation.minLength', requirementParams(issue));
    case 'max_length':
      return msg('validation.maxLength', requirementParams(issue));
    case 'min_value':
      return msg('validation.minValue', requirementParams(issue));
    case 'max_value':
      return msg('validation.maxValue', requirementParams(issue));
    case 'object':
    case 'loose_object':
    case 'strict_object':
      // A key the schema does not have is reported as expecting "never"; a missing key as received "undefined".
      if (issue.expected === 'never') return msg('validation.unknownField');
      if (issue.received === 'undefined' && issue.path) return msg('validation.required');
      return msg('validation.object');
    case 'picklist':
    case 'literal':
    case 'variant':
    case 'union':
      return msg('validation.oneOf', requirementParams(issue));
    case 'array':
      return msg('validation.list');
    case 'undefined':
      return msg('validation.nothing');
    default:
      return msg('validation.invalid');
  }
}

/** What the check required ({{requirement}}: a length, a bound) and expected ({{values}}: the choices). */
function requirementParams(issue: v.BaseIssue<unknown>): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  if (typeof issue.requirement === 'number' || typeof issue.requirement === 'string') params.requirement = issue.requirement;
  if (issue.expected) params.values = issue.expected;
  return params;
}

export function problemsOf(issues: readonly v.BaseIssue<unknown>[], prefix = ''): Problem[] {
  return issues.map((issue) => ({ path: issuePath(issue, prefix), message: issueMessage(issue) }));
}

/** The value as the schema types it, or a SchemaError naming every problem (paths start at `at`). */
export function parseWith<const S extends v.GenericSchema>(schema: S, value: unknown, at = ''): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (!result.success) throw new SchemaError(problemsOf(result.issues, at));
  return result.output;
}

/** A check that passes or names one problem at a path (cross-field rules: "a device not listed twice"). */
export function problemAt(path: string, message: Message): SchemaError {
  return new SchemaError([{ path, message }]);
}

/** valibot's issue path for plain nested keys, for checks that name the exact place of a problem. */
export function issuePathTo(root: unknown, keys: readonly (string | number)[]): [v.IssuePathItem, ...v.IssuePathItem[]] {
  const items: v.IssuePathItem[] = [];
  let input: unknown = root;
  for (const key of keys) {
    if (typeof key === 'number' && Array.isArray(input)) {
      const value: unknown = input[key];
      items.push({ type: 'array', origin: 'value', input, key, value });
      input = value;
    } else if (typeof key === 'string' && isRecord(input)) {
      const value = input[key];
      items.push({ type: 'object', origin: 'value', input, key, value });
      input = value;
    } else {
      break;
    }
  }
  const [first, ...rest] = items;
  if (!first) throw new Error('issuePathTo needs at least one key');
  return [first, ...rest];
}

/** A cross-field check: no two items of `list` share the value of `key` ("a device not listed twice"). */
export function uniqueItems<
  const L extends string,
  const K extends string,
  // Inferred from the schema it is piped after (valibot actions are exact about their input).
  T extends { readonly [P in L]?: readonly { readonly [Q in K]: string }[] },
>(list: L, key: K): v.RawCheckAction<T> {
  return v.rawCheck<T>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const items = dataset.value[list] ?? [];
    const seen = new Set<string>();
    for (const [index, item] of items.entries()) {
      if (seen.has(item[key])) {
        addIssue({ message: says('validation.listedTwice'), path: issuePathTo(dataset.value, [list, index, key]) });
        return;
      }
      seen.add(item[key]);
    }
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

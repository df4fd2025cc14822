/**
 * The settings form's logic without React: a vendor's form values become a
 * connection, which is checked with the vendor's own schema from app/ —
 * the same check the core makes when it is saved — and each problem is
 * shown at the field its path belongs to.
 */
import { msg, type Message } from '../../../../app/i18n/message';
import { problemsOf, v, type Problem } from '../../../../app/validation/schema';
import type { BaseConnectionConfig, VendorDefinition, VendorRegistry } from '../../../../app/vendors';

export interface FormCheck {
  /** The connection, when every check passed. */
  connection?: BaseConnectionConfig;
  /** Problems by field key. */
  fieldProblems: Record<string, Message>;
  /** Problems no field shows (a rule across fields the form has no input for). */
  otherProblems: Message[];
}

export function emptyValues(definition: VendorDefinition): Record<string, string> {
  return Object.fromEntries(definition.form.fields.map((field) => [field.key, '']));
}

/** Places each problem (paths relative to the connection) at the field whose paths match it. */
export function placeProblems(
  definition: VendorDefinition,
  problems: readonly Problem[],
): Pick<FormCheck, 'fieldProblems' | 'otherProblems'> {
  const fieldProblems: Record<string, Message> = {};
  const otherProblems: Message[] = [];
  for (const problem of problems) {
    const field = definition.form.fields.find((f) => f.paths.test(problem.path));
    if (field && !fieldProblems[field.key]) fieldProblems[field.key] = problem.message;
    else if (!field) otherProblems.push(problem.message);
  }
  return { fieldProblems, otherProblems };
}

/**
 * Checks the form's values: required fields first (an empty field says
 * "required", not a type error), then the whole connection against the
 * registry's schema for this vendor.
 */
export function checkForm(
  registry: VendorRegistry<BaseConnectionConfig>,
  definition: VendorDefinition,
  values: Readonly<Record<string, string>>,
  base: BaseConnectionConfig | undefined,
): FormCheck {
  const missing: Record<string, Message> = {};
  for (const field of definition.form.fields) {
    if (field.required && (values[field.key] ?? '').trim() === '') missing[field.key] = msg('validation.required');
  }
  const draft = definition.form.toConnection(values, base);
  const result = v.safeParse(registry.connectionSchema, draft);
  if (result.success && Object.keys(missing).length === 0) return { connection: result.output, fieldProblems: {}, otherProblems: [] };
  const placed = result.success ? { fieldProblems: {}, otherProblems: [] } : placeProblems(definition, problemsOf(result.issues));
  // An empty required field says so, whatever the schema made of the empty value.
  return { fieldProblems: { ...placed.fieldProblems, ...missing }, otherProblems: Object.keys(missing).length ? [] : placed.otherProblems };
}

/** The core's problems (paths start at `connection.`) at the form's fields. */
export function placeCoreProblems(
  definition: VendorDefinition,
  problems: readonly Problem[],
): Pick<FormCheck, 'fieldProblems' | 'otherProblems'> {
  return placeProblems(
    definition,
    problems.map((p) => ({ ...p, path: p.path.replace(/^connection\.?/, '') })),
  );
}

/**
 * A tiny runtime validation kit for messages crossing a process or network
 * boundary. Each validator returns the value typed, or throws
 * `ValidationError` naming the offending path.
 */

export class ValidationError extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${path || 'message'}: expected ${expected}`);
    this.name = 'ValidationError';
  }
}

export type Validator<T> = (value: unknown, path?: string) => T;

export type Infer<V> = V extends Validator<infer T> ? T : never;

/** Upper bound on any string crossing a boundary: protects against memory abuse. */
export const MAX_STRING = 4096;

export const str =
  (opts: { min?: number; max?: number; pattern?: RegExp } = {}): Validator<string> =>
  (v, path = '') => {
    const max = opts.max ?? MAX_STRING;
    if (typeof v !== 'string') throw new ValidationError(path, 'a string');
    if (v.length < (opts.min ?? 0)) throw new ValidationError(path, `at least ${opts.min} characters`);
    if (v.length > max) throw new ValidationError(path, `at most ${max} characters`);
    if (opts.pattern && !opts.pattern.test(v)) throw new ValidationError(path, `a string matching ${opts.pattern}`);
    return v;
  };

export const bool: Validator<boolean> = (v, path = '') => {
  if (typeof v !== 'boolean') throw new ValidationError(path, 'true or false');
  return v;
};

export const int =
  (opts: { min?: number; max?: number } = {}): Validator<number> =>
  (v, path = '') => {
    if (typeof v !== 'number' || !Number.isInteger(v)) throw new ValidationError(path, 'an integer');
    if (opts.min !== undefined && v < opts.min) throw new ValidationError(path, `>= ${opts.min}`);
    if (opts.max !== undefined && v > opts.max) throw new ValidationError(path, `<= ${opts.max}`);
    return v;
  };

export const literal =
  <const T extends readonly string[]>(...values: T): Validator<T[number]> =>
  (v, path = '') => {
    if (typeof v !== 'string' || !values.includes(v)) throw new ValidationError(path, `one of ${values.join(', ')}`);
    return v;
  };

export const optional =
  <T>(inner: Validator<T>): Validator<T | undefined> =>
  (v, path = '') =>
    v === undefined ? undefined : inner(v, path);

export const array =
  <T>(inner: Validator<T>, max = 1000): Validator<T[]> =>
  (v, path = '') => {
    if (!Array.isArray(v)) throw new ValidationError(path, 'an array');
    if (v.length > max) throw new ValidationError(path, `at most ${max} items`);
    return v.map((item, i) => inner(item, `${path}[${i}]`));
  };

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

/**
 * An object with exactly these keys (unknown keys are rejected: a message
 * that does not match the contract is refused, not trimmed).
 */
export const object =
  <S extends Record<string, Validator<unknown>>>(shape: S): Validator<{ [K in keyof S]: Infer<S[K]> }> =>
  (v, path = '') => {
    if (!isPlainObject(v)) throw new ValidationError(path, 'an object');
    for (const key of Object.keys(v)) {
      if (!Object.prototype.hasOwnProperty.call(shape, key)) throw new ValidationError(path ? `${path}.${key}` : key, 'no such field');
    }
    const out: Record<string, unknown> = {};
    for (const [key, validate] of Object.entries(shape)) {
      const value = validate(v[key], path ? `${path}.${key}` : key);
      if (value !== undefined) out[key] = value;
    }
    return out as { [K in keyof S]: Infer<S[K]> };
  };

/** A tagged union: picks the validator by the value of `tag`. */
export const union =
  <T>(tag: string, variants: Record<string, Validator<T>>): Validator<T> =>
  (v, path = '') => {
    if (!isPlainObject(v)) throw new ValidationError(path, 'an object');
    const key = v[tag];
    const variant = typeof key === 'string' && Object.prototype.hasOwnProperty.call(variants, key) ? variants[key] : undefined;
    if (!variant) throw new ValidationError(path ? `${path}.${tag}` : tag, `one of ${Object.keys(variants).join(', ')}`);
    return variant(v, path);
  };

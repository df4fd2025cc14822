/**
 * Building blocks for describing TelServices structures once and getting
 * both directions from the description: a record is a list of fields in
 * the document's order (encoding follows it; decoding looks children up by
 * name, so order and unknown extra elements do not matter).
 */
import type { TsTree } from './messages';
import { assertElementName, childNames, childOf, childrenOf, element, isElement, textElement, TsCodecError, type XmlNode } from './xml';

export interface ValueCodec<T> {
  /** The element `name` holding `value`, as XML. */
  encode(name: string, value: T, path: string): string;
  /** The value of a parsed element; undefined means "not understood, leave it out" (lenient codecs only). */
  decode(node: XmlNode, path: string): T | undefined;
}

// ---------------------------------------------------------------------------
// Scalars

export const text: ValueCodec<string> = {
  encode(name, value, path) {
    if (typeof value !== 'string') throw new TsCodecError(`${path}: ${name} must be text`);
    return textElement(name, value);
  },
  decode(node, path) {
    if (typeof node !== 'string') throw new TsCodecError(`${path}: expected text, found elements`);
    return node;
  },
};

export const integer: ValueCodec<number> = {
  encode(name, value, path) {
    if (!Number.isSafeInteger(value)) throw new TsCodecError(`${path}: ${name} must be a whole number`);
    return textElement(name, String(value));
  },
  decode(node, path) {
    if (typeof node !== 'string' || !/^[+-]?\d{1,15}$/.test(node)) {
      throw new TsCodecError(`${path}: "${typeof node === 'string' ? node : '<elements>'}" is not a whole number`);
    }
    return Number(node);
  },
};

/**
 * Booleans are written as the ASN.1 XER empty elements `<true/>` /
 * `<false/>`, as every boolean in the document's examples is. Text
 * `true`/`false` is accepted on input too.
 */
export const boolean: ValueCodec<boolean> = {
  encode(name, value, path) {
    if (typeof value !== 'boolean') throw new TsCodecError(`${path}: ${name} must be true or false`);
    return element(name, element(String(value)));
  },
  decode(node, path) {
    const value = enumerationName(node, path);
    if (value === 'true') return true;
    if (value === 'false') return false;
    throw new TsCodecError(`${path}: "${value}" is not true or false`);
  },
};

/**
 * The value of an enumeration: the name of its single empty child element
 * (`<state><on/></state>`); plain text (`<state>on</state>`) is accepted too.
 */
function enumerationName(node: XmlNode, path: string): string {
  if (typeof node === 'string') {
    if (node) return node;
    throw new TsCodecError(`${path}: value missing`);
  }
  const names = childNames(node);
  if (names.length !== 1) throw new TsCodecError(`${path}: expected one value, found ${names.length}`);
  return names[0];
}

/** One of `values`. Lenient: an unknown value decodes to undefined (the field is left out) instead of failing. */
export function enumeration<T extends string>(values: readonly T[], opts: { lenient?: boolean } = {}): ValueCodec<T> {
  return {
    encode(name, value, path) {
      if (!values.includes(value)) throw new TsCodecError(`${path}: ${name} "${String(value)}" is not one of ${values.join(', ')}`);
      return element(name, element(value));
    },
    decode(node, path) {
      const value = enumerationName(node, path);
      if (values.includes(value as T)) return value as T;
      if (opts.lenient) return undefined;
      throw new TsCodecError(`${path}: unknown value "${value}"`);
    },
  };
}

/** An enumeration whose values the document does not close (history cause, routing-point state). */
export const openEnumeration: ValueCodec<string> = {
  encode(name, value, path) {
    assertElementName(value, `${path}.${name}`);
    return element(name, element(value));
  },
  decode: enumerationName,
};

// ---------------------------------------------------------------------------
// Records and lists

export interface Field {
  key: string;
  element: string;
  codec: ValueCodec<unknown>;
  required: boolean;
  /** Value when the element is absent (e.g. isConference: absent means false). */
  whenAbsent?: unknown;
}

export function required(key: string, codec: ValueCodec<unknown>, element = key): Field {
  return { key, element, codec, required: true };
}

export function optional(key: string, codec: ValueCodec<unknown>, element = key): Field {
  return { key, element, codec, required: false };
}

export function defaulted(key: string, codec: ValueCodec<unknown>, whenAbsent: unknown): Field {
  return { key, element: key, codec, required: false, whenAbsent };
}

export interface RecordCodec<T> extends ValueCodec<T> {
  /** The child elements only (for a record that is the body of a message). */
  encodeContent(value: T, path: string): string;
  decodeContent(node: XmlNode, path: string): T;
}

export function record<T>(fields: Field[]): RecordCodec<T> {
  const encodeContent = (value: T, path: string): string => {
    if (typeof value !== 'object' || value === null) throw new TsCodecError(`${path}: expected a structure`);
    let out = '';
    for (const f of fields) {
      const v = (value as Record<string, unknown>)[f.key];
      if (v === undefined) {
        if (f.required) throw new TsCodecError(`${path}: missing ${f.key}`);
        continue;
      }
      out += f.codec.encode(f.element, v, `${path}.${f.element}`);
    }
    return out;
  };
  const decodeContent = (node: XmlNode, path: string): T => {
    if (typeof node === 'string' && node !== '') throw new TsCodecError(`${path}: expected elements, found text`);
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      const child = childOf(node, f.element);
      const value = child === undefined ? f.whenAbsent : f.codec.decode(child, `${path}.${f.element}`);
      if (value !== undefined) out[f.key] = value;
      else if (f.required) throw new TsCodecError(`${path}: missing ${f.element}`);
    }
    return out as T;
  };
  return {
    encodeContent,
    decodeContent,
    encode: (name, value, path) => element(name, encodeContent(value, path)),
    decode: decodeContent,
  };
}

/**
 * A list of `item` elements (`<forwards><forward>…</forward></forwards>`).
 * With `anyItemName`, children of any name are read as items (addedParties,
 * whose item name the document does not give).
 */
export function list<T>(item: string, codec: ValueCodec<T>, opts: { anyItemName?: boolean } = {}): ValueCodec<T[]> {
  return {
    encode(name, values, path) {
      if (!Array.isArray(values)) throw new TsCodecError(`${path}: ${name} must be a list`);
      return element(name, values.map((v, i) => codec.encode(item, v, `${path}[${i}]`)).join(''));
    },
    decode(node, path) {
      if (typeof node === 'string' && node !== '') throw new TsCodecError(`${path}: expected a list, found text`);
      const names = opts.anyItemName ? childNames(node) : [item];
      const out: T[] = [];
      for (const name of names) {
        childrenOf(node, name).forEach((child, i) => {
          const value = codec.decode(child, `${path}.${name}[${i}]`);
          if (value !== undefined) out.push(value);
        });
      }
      return out;
    },
  };
}

/** A set of enumeration values, each an empty element (`<permittedServices><holdCall/><dropCall/></permittedServices>`); unknown names are skipped. */
export function nameList<T extends string>(values: readonly T[]): ValueCodec<T[]> {
  return {
    encode(name, items, path) {
      if (!Array.isArray(items)) throw new TsCodecError(`${path}: ${name} must be a list`);
      for (const v of items) {
        if (!values.includes(v)) throw new TsCodecError(`${path}: "${String(v)}" is not one of ${values.join(', ')}`);
      }
      return element(name, items.map((v) => element(v)).join(''));
    },
    decode(node) {
      return childNames(node).filter((n): n is T => values.includes(n as T));
    },
  };
}

// ---------------------------------------------------------------------------
// Generic trees (statistics): kept as parsed, for display

export const tree: ValueCodec<TsTree> = {
  encode(name, value, path) {
    return element(name, encodeTreeContent(value, `${path}.${name}`));
  },
  decode(node) {
    return decodeTree(node);
  },
};

function encodeTreeContent(value: TsTree, path: string): string {
  let out = '';
  for (const [name, child] of Object.entries(value)) {
    assertElementName(name, path);
    for (const item of Array.isArray(child) ? child : [child]) {
      out += typeof item === 'string' ? textElement(name, item) : element(name, encodeTreeContent(item, `${path}.${name}`));
    }
  }
  return out;
}

function decodeTree(node: XmlNode): TsTree {
  const out: TsTree = {};
  if (!isElement(node)) return out;
  for (const name of childNames(node)) {
    const items = childrenOf(node, name).map((child) => (typeof child === 'string' ? child : decodeTree(child)));
    out[name] = items.length === 1 ? items[0] : items;
  }
  return out;
}

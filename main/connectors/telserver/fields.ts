/**
 * Building blocks for describing TelServices structures once and getting
 * both directions from the description: a record is a list of fields in
 * the document's order (encoding follows it; decoding looks children up by
 * name, so order and unknown extra elements do not matter).
 */
import type { TsTree } from './messages';
import { assertElementName, childNames, element, hasChildren, textElement, TsCodecError, type XmlNode } from './xml';

export interface ValueCodec<T> {
  /** The element `name` holding `value`, as XML. */
  encode(name: string, value: T, path: string): string;
  /**
   * The value of a parsed element; undefined means "not understood, leave it out" (lenient codecs only).
   * Errors name the element `path.name` (`path` alone without a name): the two are joined only for an
   * error, since every datagram is decoded.
   */
  decode(node: XmlNode, path: string, name?: string): T | undefined;
}

/** A codec that always understands what it accepts (never undefined: it decodes or throws). */
export interface StrictCodec<T> extends ValueCodec<T> {
  decode(node: XmlNode, path: string, name?: string): T;
}

/** Where an error is: `path.name`, or `path` without a name. */
export const pathOf = (path: string, name: string | undefined): string => (name === undefined ? path : `${path}.${name}`);

/**
 * `parent.name` for one place of a structure, kept for the parent it last joined: the parts of every datagram sit
 * under the same paths (the same strings, handed down from a constant), so each path is joined once, not once a
 * datagram, although a part needs it only to name an error.
 */
export function childPath(name: string): (parent: string) => string {
  let lastParent: string | undefined;
  let path = '';
  return (parent) => {
    if (parent !== lastParent) {
      lastParent = parent;
      path = `${parent}.${name}`;
    }
    return path;
  };
}

// ---------------------------------------------------------------------------
// Scalars

export const text: StrictCodec<string> = {
  encode(name, value, path) {
    if (typeof value !== 'string') throw new TsCodecError(`${path}: ${name} must be text`);
    return textElement(name, value);
  },
  decode(node, path, name) {
    if (hasChildren(node)) throw new TsCodecError(`${pathOf(path, name)}: expected text, found elements`);
    return node.text;
  },
};

const WHOLE_NUMBER = /^[+-]?\d{1,15}$/;

export const integer: StrictCodec<number> = {
  encode(name, value, path) {
    if (!Number.isSafeInteger(value)) throw new TsCodecError(`${path}: ${name} must be a whole number`);
    return textElement(name, String(value));
  },
  decode(node, path, name) {
    if (hasChildren(node) || !WHOLE_NUMBER.test(node.text)) {
      throw new TsCodecError(`${pathOf(path, name)}: "${hasChildren(node) ? '<elements>' : node.text}" is not a whole number`);
    }
    return Number(node.text);
  },
};

/**
 * Booleans are written as the ASN.1 XER empty elements `<true/>` /
 * `<false/>`, as every boolean in the document's examples is. Text
 * `true`/`false` is accepted on input too.
 */
export const boolean: StrictCodec<boolean> = {
  encode(name, value, path) {
    if (typeof value !== 'boolean') throw new TsCodecError(`${path}: ${name} must be true or false`);
    return element(name, element(String(value)));
  },
  decode(node, path, name) {
    const value = enumerationName(node, path, name);
    if (value === 'true') return true;
    if (value === 'false') return false;
    throw new TsCodecError(`${pathOf(path, name)}: "${value}" is not true or false`);
  },
};

/**
 * The value of an enumeration: the name of its single empty child element
 * (`<state><on/></state>`); plain text (`<state>on</state>`) is accepted too.
 */
function enumerationName(node: XmlNode, path: string, name?: string): string {
  const { children } = node;
  if (children.length === 1) return children[0].name;
  if (children.length === 0) {
    if (node.text) return node.text;
    throw new TsCodecError(`${pathOf(path, name)}: value missing`);
  }
  const names = childNames(node);
  if (names.length !== 1) throw new TsCodecError(`${pathOf(path, name)}: expected one value, found ${names.length}`);
  return names[0];
}

/** One of `values`. Lenient: an unknown value decodes to undefined (the field is left out) instead of failing. */
export function enumeration<T extends string>(values: readonly T[]): StrictCodec<T>;
export function enumeration<T extends string>(values: readonly T[], opts: { lenient: true }): ValueCodec<T>;
export function enumeration<T extends string>(values: readonly T[], opts: { lenient?: boolean } = {}): ValueCodec<T> {
  // The value as written here, not the parsed string: later comparisons with literals are then identity checks.
  const known = new Map<string, T>(values.map((value) => [value, value]));
  return {
    encode(name, value, path) {
      if (!values.includes(value)) throw new TsCodecError(`${path}: ${name} "${String(value)}" is not one of ${values.join(', ')}`);
      return element(name, element(value));
    },
    decode(node, path, name) {
      const value = enumerationName(node, path, name);
      const canonical = known.get(value);
      if (canonical !== undefined) return canonical;
      if (opts.lenient) return undefined;
      throw new TsCodecError(`${pathOf(path, name)}: unknown value "${value}"`);
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
  decodeContent(node: XmlNode, path: string, name?: string): T;
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
  // Each field's place by element name: one pass over the children finds every field (the first of each name).
  const slotOf = new Map(fields.map((f, i) => [f.element, i]));
  const decodeContent = (node: XmlNode, parent: string, name?: string): T => {
    const path = pathOf(parent, name);
    if (!hasChildren(node) && node.text !== '') throw new TsCodecError(`${path}: expected elements, found text`);
    const found: (XmlNode | undefined)[] = new Array<XmlNode | undefined>(fields.length);
    for (const c of node.children) {
      const slot = slotOf.get(c.name);
      if (slot !== undefined && found[slot] === undefined) found[slot] = c;
    }
    const out: Record<string, unknown> = {};
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      const child = found[i];
      const value = child === undefined ? f.whenAbsent : f.codec.decode(child, path, f.element);
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
    decode(node, parent, name) {
      const path = pathOf(parent, name);
      if (!hasChildren(node) && node.text !== '') throw new TsCodecError(`${path}: expected a list, found text`);
      const out: T[] = [];
      let index = 0;
      for (const child of node.children) {
        if (!opts.anyItemName && child.name !== item) continue;
        const value = codec.decode(child, `${path}.${child.name}[${index++}]`);
        if (value !== undefined) out.push(value);
      }
      return out;
    },
  };
}

/** A set of enumeration values, each an empty element (`<permittedServices><holdCall/><dropCall/></permittedServices>`); unknown names are skipped. */
export function nameList<T extends string>(values: readonly T[]): StrictCodec<T[]> {
  // The values as written here, not the parsed strings (see enumeration).
  const known = new Map<string, T>(values.map((value) => [value, value]));
  return {
    encode(name, items, path) {
      if (!Array.isArray(items)) throw new TsCodecError(`${path}: ${name} must be a list`);
      for (const v of items) {
        if (!values.includes(v)) throw new TsCodecError(`${path}: "${String(v)}" is not one of ${values.join(', ')}`);
      }
      return element(name, items.map((v) => element(v)).join(''));
    },
    decode(node) {
      const out: T[] = [];
      for (const { name } of node.children) {
        const value = known.get(name);
        if (value !== undefined && !out.includes(value)) out.push(value);
      }
      return out;
    },
  };
}

// ---------------------------------------------------------------------------
// Generic trees (statistics): kept as parsed, for display

export const tree: ValueCodec<TsTree> = {
  encode(name, value, path) {
    return element(name, encodeTreeContent(value, `${path}.${name}`));
  },
  decode(node, path, name) {
    return decodeTree(node, pathOf(path, name));
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

/** Names every object has: as keys of a tree they would change its prototype instead of naming a child. */
const UNSAFE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/** Children by name (a repeated name becomes an array, in document order); a child without children is its text. */
function decodeTree(node: XmlNode, path: string): TsTree {
  const items = new Map<string, (string | TsTree)[]>();
  for (const child of node.children) {
    if (UNSAFE_NAMES.has(child.name)) {
      throw new TsCodecError(`${path} could not be parsed: <${child.name}> is not an element name TelServices uses`);
    }
    const value = hasChildren(child) ? decodeTree(child, `${path}.${child.name}`) : child.text;
    const list = items.get(child.name);
    if (list) list.push(value);
    else items.set(child.name, [value]);
  }
  const out: TsTree = {};
  for (const [name, values] of items) out[name] = values.length === 1 ? values[0] : values;
  return out;
}

/**
 * Inputs for the fuzzer, generated with fast-check from a decoder's seeds: the seeds mutated (characters
 * inserted, removed, replaced, ranges duplicated or cut short), structure a hostile peer would send (deep
 * nesting, entity- and attribute-dense XML, DOCTYPE entity bombs, JSON prototype keys, huge numbers), and
 * plain random text. Deterministic for a given seed, so a failure can be replayed.
 */
import fc from 'fast-check';

/** Pieces that exercise parsers' edges: markup, references, prototype keys, invisible and bidi characters. */
const HOSTILE_PIECES = [
  '<',
  '>',
  '</',
  '/>',
  '<!--',
  '-->',
  '<![CDATA[',
  ']]>',
  '&amp;',
  '&lt;',
  '&#0;',
  '&#x10FFFF;',
  '&#xD800;',
  '&#99999999999;',
  '&unknown;',
  '&',
  '"',
  "'",
  '=',
  'xmlns:a="urn:x"',
  ' a:b="c"',
  '<?xml version="1.0"?>',
  '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  'null',
  'true',
  '1e400',
  '-0',
  '9007199254740993',
  '"__proto__"',
  '{"__proto__":{"polluted":1}}',
  '"constructor"',
  '\u0000',
  '\r\n',
  '\u202e',
  '\ufeff',
  '\ud800',
  '%',
  '%00',
  '%zz',
  ';',
  '+',
  '*',
  '#',
];

type Mutation =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'replace'; at: number; length: number; text: string }
  | { kind: 'duplicate'; at: number; length: number; times: number }
  | { kind: 'truncate'; at: number };

const position = fc.double({ min: 0, max: 1, noNaN: true });
const piece = fc.oneof(fc.constantFrom(...HOSTILE_PIECES), fc.string({ maxLength: 8 }), fc.string({ unit: 'grapheme', maxLength: 4 }));
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: position, text: piece }),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('replace' as const), at: position, length: fc.integer({ min: 1, max: 16 }), text: piece }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at: position,
    length: fc.integer({ min: 1, max: 200 }),
    times: fc.integer({ min: 2, max: 400 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
);

function applyMutation(text: string, m: Mutation): string {
  const at = Math.floor(m.at * text.length);
  switch (m.kind) {
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'replace':
      return text.slice(0, at) + m.text + text.slice(at + m.length);
    case 'duplicate': {
      const range = text.slice(at, at + m.length);
      return text.slice(0, at) + range.repeat(m.times) + text.slice(at);
    }
    case 'truncate':
      return text.slice(0, at);
  }
}

/** Structure a hostile peer sends on purpose, wrapped around or inside a seed. */
const structural = (seed: string): fc.Arbitrary<string> =>
  fc.oneof(
    fc.integer({ min: 100, max: 20_000 }).map((depth) => `${'<a>'.repeat(depth)}${seed}${'</a>'.repeat(depth)}`),
    fc.integer({ min: 100, max: 50_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
    fc.integer({ min: 1_000, max: 100_000 }).map((count) => `<x>${'&amp;'.repeat(count)}</x>`),
    fc.integer({ min: 100, max: 10_000 }).map((count) => `<x ${Array.from({ length: count }, (_, i) => `a${i}="1"`).join(' ')}/>`),
    fc.constant(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "${'a'.repeat(100)}"><!ENTITY b "${'&a;'.repeat(100)}">]><x>&b;&b;&b;</x>`),
    fc.constant(seed.replace(/>/g, '>\u202e\u0000')),
  );

/** One input: a mutated seed (most), a structural attack, or random text. */
export function inputArbitrary(seeds: readonly string[]): fc.Arbitrary<string> {
  const seed = fc.constantFrom(...(seeds.length > 0 ? seeds : ['']));
  const mutated = fc
    .tuple(seed, fc.array(mutation, { minLength: 1, maxLength: 6 }))
    .map(([text, mutations]) => mutations.reduce(applyMutation, text));
  return fc.oneof(
    { weight: 14, arbitrary: mutated },
    { weight: 2, arbitrary: seed.chain(structural) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    { weight: 1, arbitrary: seed },
  );
}

/** `count` inputs for these seeds, the same ones for the same `seed`. */
export function generateInputs(seeds: readonly string[], count: number, seed: number): string[] {
  return fc.sample(inputArbitrary(seeds), { numRuns: count, seed });
}

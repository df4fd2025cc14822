import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseXmlElements, type XmlNode } from '../shared/xml';
import { decodeCallInfo, describedCallInfo } from './call-info';
import { decodeEvent, encodeEvent } from './codec';
import type { TsEvent } from './messages';
import { TsCodecError } from './xml';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** Every <call> of the fixtures: the call events' bodies and the calls of snapshot results. */
function fixtureCalls(): XmlNode[] {
  const calls: XmlNode[] = [];
  const collect = (node: XmlNode, parent: string | undefined) => {
    if (node.name === 'call' && (parent === 'event' || parent === 'calls')) calls.push(node);
    for (const child of node.children) collect(child, node.name);
  };
  for (const file of readdirSync(FIXTURES).filter((f) => /^(event-call|result-snapshot).*\.xml$/.test(f))) {
    for (const root of parseXmlElements(readFileSync(join(FIXTURES, file), 'utf8'))) collect(root, undefined);
  }
  return calls;
}

/** What a decoder makes of a node: its value, or the message it refuses it with. */
function outcome(decode: () => unknown): { value: unknown } | { error: string } {
  try {
    return { value: decode() };
  } catch (error) {
    if (!(error instanceof TsCodecError)) throw error;
    return { error: error.message };
  }
}

const clone = (node: XmlNode): XmlNode => ({ name: node.name, text: node.text, children: node.children.map(clone) });
const nodesOf = (node: XmlNode): XmlNode[] => [node, ...node.children.flatMap(nodesOf)];

/** Names and texts a mutation writes: the fields' own, their values, and ones TelServices never sends. */
const NAMES = [
  'id',
  'primCall',
  'secCall',
  'permittedServices',
  'extraData',
  'state',
  'otherParty',
  'addedParties',
  'firstCalledParty',
  'duration',
  'isOutgoing',
  'isConference',
  'callReference',
  'cause',
  'number',
  'name',
  'numberType',
  'company',
  'party',
  'true',
  'false',
  'alerting',
  'hold',
  'transfer',
  'mobile',
  'holdCall',
  'dropCall',
  'bogus',
  '__proto__',
];
const TEXTS = ['', '12', '-3', '1.5', 'x', 'true', 'alerting', 'mobile', '+3726001100', '1234567890123456'];

type Mutation =
  | { op: 'remove' | 'duplicate' | 'empty'; at: number }
  | { op: 'rename'; at: number; name: string }
  | { op: 'text'; at: number; text: string }
  | { op: 'add'; at: number; name: string; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('remove' as const, 'duplicate' as const, 'empty' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('rename' as const), at: fc.nat(), name: fc.constantFrom(...NAMES) }),
  fc.record({ op: fc.constant('text' as const), at: fc.nat(), text: fc.constantFrom(...TEXTS) }),
  fc.record({ op: fc.constant('add' as const), at: fc.nat(), name: fc.constantFrom(...NAMES), text: fc.constantFrom(...TEXTS) }),
);

/** Applies a mutation to one node of the tree (picked by `at`, the root's children and below). */
function mutate(root: XmlNode, m: Mutation): void {
  const nodes = nodesOf(root);
  const target = nodes[m.at % nodes.length];
  const parent = nodes.find((n) => n.children.includes(target));
  switch (m.op) {
    case 'remove':
      if (parent) parent.children = parent.children.filter((c) => c !== target);
      break;
    case 'duplicate':
      if (parent) parent.children = [...parent.children, clone(target)];
      break;
    case 'empty':
      target.children = [];
      target.text = '';
      break;
    case 'rename':
      target.name = m.name;
      break;
    case 'text':
      // A node with children and text is mixed content; without children, a value.
      target.text = m.text;
      break;
    case 'add':
      target.children = [...target.children, { name: m.name, text: m.text, children: [] }];
      break;
  }
}

describe('<call> read by hand and by its description', () => {
  const calls = fixtureCalls();

  it('finds the document examples to start from', () => {
    expect(calls.length).toBeGreaterThanOrEqual(15);
  });

  it('agree on every fixture', () => {
    for (const call of calls) {
      const described = outcome(() => describedCallInfo.decodeContent(call, 'event.call'));
      expect('value' in described).toBe(true);
      expect(outcome(() => decodeCallInfo(call, 'event.call'))).toEqual(described);
    }
  });

  it('agree on every mutation of them: the same value, or the same refusal', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 4 }), (pick, mutations) => {
        const call = clone(calls[pick % calls.length]);
        for (const m of mutations) mutate(call, m);
        expect(outcome(() => decodeCallInfo(call, 'event.call'))).toEqual(
          outcome(() => describedCallInfo.decodeContent(call, 'event.call')),
        );
      }),
      { numRuns: 3000 },
    );
  });
});

describe('a call datagram with a bad field is refused, naming the field', () => {
  const datagram: TsEvent = {
    deviceNumber: '1100',
    event: {
      type: 'call',
      call: {
        id: '7',
        primCall: {
          state: 'connected',
          otherParty: { number: '+3725512345', name: 'Martin' },
          duration: 12,
          isOutgoing: false,
          isConference: false,
        },
        permittedServices: ['holdCall', 'dropCall'],
      },
    },
  };
  const good = encodeEvent(datagram);

  it('reads the good one', () => {
    expect(decodeEvent(good)).toEqual(datagram);
  });

  it.each([
    [
      'a duration that is no number',
      good.replace('<duration>12</duration>', '<duration>12s</duration>'),
      /event\.call\.primCall\.duration: "12s" is not a whole number/,
    ],
    ['an unknown call state', good.replace('<connected/>', '<ringing/>'), /event\.call\.primCall\.state: unknown value "ringing"/],
    [
      'two states at once',
      good.replace('<connected/>', '<connected/><hold/>'),
      /event\.call\.primCall\.state: expected one value, found 2/,
    ],
    ['no other party', good.replace(/<otherParty>.*<\/otherParty>/, ''), /event\.call\.primCall: missing otherParty/],
    [
      'a number that holds elements',
      good.replace('<number>+3725512345</number>', '<number><b/></number>'),
      /otherParty\.number: expected text, found elements/,
    ],
    [
      'a boolean that is neither',
      good.replace('<isOutgoing><false/></isOutgoing>', '<isOutgoing><no/></isOutgoing>'),
      /isOutgoing: "no" is not true or false/,
    ],
    [
      'a leg that is text',
      good.replace(/<primCall>.*<\/primCall>/, '<primCall>x</primCall>'),
      /event\.call\.primCall: expected elements, found text/,
    ],
    ['no id', good.replace('<id>7</id>', ''), /event\.call: missing id/],
  ])('%s', (_what, xml, message) => {
    expect(() => decodeEvent(xml)).toThrow(TsCodecError);
    expect(() => decodeEvent(xml)).toThrow(message);
  });
});

/**
 * Measures writing a Poll answer of 2000 UserInfo records (the demo PBX's
 * batch at start-up) with the simulators' writer and with fast-xml-parser's
 * XMLBuilder, the figure behind soap-envelope.ts's hand-written writeXml.
 *
 *   npx tsx main/sim/innovaphone/bench-write.ts
 */
import { XMLBuilder } from 'fast-xml-parser';
import { writeXml, type XmlOut } from '../shared/soap-envelope';
import { anyInfoValue, type UserInfoRecord } from './records';
import { writeResponse } from './wire';
import type { Dialect } from './wsdl';

const USERS: UserInfoRecord[] = Array.from({ length: 2000 }, (_, i) => ({
  active: true,
  cn: `User ${i}`,
  dn: `User ${i}`,
  type: 'ep',
  e164: String(2000 + i),
  h323: `user.${i}`,
  state: 1,
  channel: 0,
  alert: 0,
  guid: String(i).padStart(32, '0'),
  groups: [{ group: 'Sales', active: true }],
  loc: '',
  node: 'root',
  cfg: false,
  presence: { status: 'open', activity: 'away', note: 'Back after lunch & then some' },
}));

/** The fastest of 10 runs (the machine may be shared: the minimum is the least disturbed). */
function timed(label: string, run: () => string): void {
  run();
  let best = Infinity;
  let size = 0;
  for (let i = 0; i < 10; i++) {
    const start = performance.now();
    size = run().length;
    best = Math.min(best, performance.now() - start);
  }
  console.log(`${label}: ${best.toFixed(1)} ms per answer (fastest of 10), ${(size / 1024).toFixed(0)} KiB`);
}

const builder = new XMLBuilder({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', suppressEmptyNode: true });
function builderNode(element: XmlOut): Record<string, unknown> {
  const content = element.children?.length ? element.children.map(builderNode) : element.text ? [{ '#text': element.text }] : [];
  return { [element.name]: content, ':@': element.attributes ?? {} };
}

/** The same tree as the pbx10_00 Poll answer's AnyInfo, as XmlOut. */
function pollTree(): XmlOut {
  const field = (name: string, type: string, text: string): XmlOut => ({ name, attributes: { 'xsi:type': type }, text });
  return {
    name: 'return',
    attributes: { 'xsi:type': 'tns:AnyInfo' },
    children: [
      {
        name: 'user',
        attributes: { 'xsi:type': 'soapenc:Array', 'soapenc:arrayType': `tns:UserInfo[${USERS.length}]` },
        children: USERS.map((u) => ({
          name: 'item',
          attributes: { 'xsi:type': 'tns:UserInfo' },
          children: Object.entries(u).map(([k, v]) => field(k, 'xsd:string', typeof v === 'object' ? JSON.stringify(v) : String(v))),
        })),
      },
    ],
  };
}

for (const dialect of ['pbx10_00', 'pbx11_00'] satisfies Dialect[]) {
  timed(`writeResponse ${dialect} Poll, 2000 UserInfo`, () =>
    writeResponse(dialect, 'Poll', [['return', anyInfoValue(dialect, USERS, [])]]),
  );
}
const tree = pollTree();
timed('writeXml, the same-sized tree', () => writeXml(tree));
timed('fast-xml-parser XMLBuilder, the same tree', () => builder.build([builderNode(tree)]));

/**
 * Benchmark (prints figures; not a timed test): what the shared one-pass XML
 * parser (main/connectors/shared/xml.ts) costs per MiB for inputs of the same
 * size but different density. The issue's rule: entity- or attribute-dense
 * input costs no more per MiB than plain input.
 *
 *   npm run bench:xml-density            (BENCH_ROUNDS=11 for steadier figures)
 *
 * Shapes, each at 1 and 4 MiB (4 MiB is the largest reply any protocol allows):
 * - plain, text-heavy: names and numbers, few tags (the reference the ratios are to)
 * - plain, bench:xml's shape: shorter texts, more tags
 * - attribute-dense: empty elements with a dozen short attributes each
 * - 256 attributes per element: elements at the parser's attribute limit
 * - reference-dense: texts made of entity and character references only
 * - one text, all references: a single text of nothing but references
 * - element-dense: nested tiny elements, almost no text
 * Each run parses and then reads every text and attribute value once (so a
 * string the parser built lazily is paid for here, not by the decoder), after
 * a full garbage collection when node runs with --expose-gc (the npm script
 * does), so one run's garbage is not charged to the next. Printed: the
 * fastest run's CPU time per MiB (process.cpuUsage, user + system: on a
 * shared machine the figure other work disturbs least; it includes the
 * garbage collector's helper threads) and the ratio to plain text-heavy input
 * of that size; then, at the largest size, the heap the tree holds per MiB
 * of input (after a full collection; needs --expose-gc) and its objects per
 * MiB (elements and attribute records) — a fixed property of the shape and
 * the tree's type, the same on any machine.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseXmlElements, type XmlNode } from '../main/connectors/shared/xml';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const collectGarbage = (globalThis as { gc?: () => void }).gc;

/**
 * Reads every text and attribute value once, as a decoder would (by key:
 * Object.values would charge an array per element to attribute-dense input
 * that no decoder makes).
 */
function readAll(nodes: XmlNode[]): number {
  let sum = 0;
  for (const node of nodes) {
    sum += node.text.charCodeAt(node.text.length - 1) || 0;
    const attributes = node.attributes;
    if (attributes)
      for (const key in attributes) {
        const value = attributes[key];
        sum += value.charCodeAt(value.length - 1) || 0;
      }
    sum += readAll(node.children);
  }
  return sum;
}

const repeated: Record<string, (i: number) => string> = {
  'plain, text-heavy': (i) =>
    `<item><cn>Colleague number ${i} at the front desk of the Tallinn office</cn><e164>+37264${10000 + (i % 90000)}</e164></item>`,
  'plain, bench:xml shape': (i) => `<item><cn>Colleague number ${i}</cn><e164>${2000 + i}</e164></item>`,
  'attribute-dense': (i) => `<item a="${i}" b="x" c="y" d="z" e="1" f="2" g="3" h="4" i="5" j="6" k="7" l="8"/>`,
  '256 attributes per element': (i) => `<e${Array.from({ length: 256 }, (_, k) => ` a${k}="${(i + k) % 10}"`).join('')}/>`,
  'reference-dense': () => `<item><cn>&amp;&lt;&gt;&#65;&#x42;&quot;&apos;&amp;&lt;&gt;&#65;&#1049;&#x20AC;</cn></item>`,
  'element-dense': (i) => `<a><b/><c>${i % 10}</c><d><e/></d></a>`,
};
const single: Record<string, (bytes: number) => string> = {
  'one text, all references': (bytes) => `<root>${'&amp;&#65;&lt;&#x20AC;&quot;'.repeat(Math.floor((bytes - 13) / 27))}</root>`,
};

function documentOf(shape: string, bytes: number): string {
  if (shape in single) return single[shape](bytes);
  const parts: string[] = ['<root>'];
  let size = 13;
  for (let i = 0; ; i++) {
    const part = repeated[shape](i);
    if (size + part.length > bytes) break;
    parts.push(part);
    size += part.length;
  }
  parts.push('</root>');
  return parts.join('');
}

const sizes = [1, 4];
const shapes = [...Object.keys(repeated), ...Object.keys(single)];

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Elements and attribute records in a tree. */
function objectsIn(nodes: XmlNode[]): number {
  let count = 0;
  for (const node of nodes) count += 1 + (node.attributes ? 1 : 0) + objectsIn(node.children);
  return count;
}

/**
 * One shape at one size, in this process: warmed up, then the fastest of
 * ROUNDS runs, each after a full collection; and what the tree holds.
 */
function measure(shape: string, mib: number): { msPerMiB: number; heapPerMiB: number; objectsPerMiB: number } {
  const xml = documentOf(shape, mib * 2 ** 20);
  const parse = () => readAll(parseXmlElements(xml));
  for (let i = 0; i < 3; i++) parse();
  let least = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    collectGarbage?.();
    const started = cpuMs();
    parse();
    least = Math.min(least, cpuMs() - started);
  }
  const inputMiB = xml.length / 2 ** 20;
  collectGarbage?.();
  const before = process.memoryUsage().heapUsed;
  const tree = parseXmlElements(xml);
  collectGarbage?.();
  const heapPerMiB = collectGarbage ? (process.memoryUsage().heapUsed - before) / inputMiB : NaN;
  return { msPerMiB: least / inputMiB, heapPerMiB, objectsPerMiB: objectsIn(tree) / inputMiB };
}

// Each shape and size in a process of its own: the garbage collector's and the compiler's state after one shape
// (heap sizes, optimised code) would otherwise decide another's figure more than the parser does.
const [onlyShape, onlyMiB] = process.argv.slice(2);
if (onlyShape !== undefined) {
  process.stdout.write(JSON.stringify(measure(onlyShape, Number(onlyMiB))));
  process.exit(0);
}
const perMiB: Record<string, number[]> = {};
const held: Record<string, { heapPerMiB: number; objectsPerMiB: number }> = {};
for (const shape of shapes) {
  const figures = sizes.map((mib) => {
    const output = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), shape, String(mib)], {
      encoding: 'utf8',
    });
    return JSON.parse(output) as ReturnType<typeof measure>;
  });
  perMiB[shape] = figures.map((f) => f.msPerMiB);
  held[shape] = figures[figures.length - 1];
}

const reference = perMiB['plain, text-heavy'];
console.log(
  `Shared one-pass XML parser: CPU ms per MiB, the fastest of ${ROUNDS} rounds${collectGarbage ? '' : ' (run with --expose-gc for steadier figures)'}`,
);
const largest = sizes[sizes.length - 1];
console.log(
  `  ${'shape'.padEnd(28)}${sizes.map((mib) => `${mib} MiB`.padStart(10) + 'ratio'.padStart(8)).join('  ')}` +
    `  ${`tree MiB/MiB at ${largest}`.padStart(20)}${'objects/MiB'.padStart(13)}`,
);
for (const [shape, figures] of Object.entries(perMiB)) {
  const cells = figures.map((ms, i) => `${ms.toFixed(1).padStart(10)}${`${(ms / reference[i]).toFixed(2)}×`.padStart(8)}`);
  const { heapPerMiB, objectsPerMiB } = held[shape];
  console.log(
    `  ${shape.padEnd(28)}${cells.join('  ')}  ${(heapPerMiB / 2 ** 20).toFixed(1).padStart(20)}${Math.round(objectsPerMiB).toLocaleString('en').padStart(13)}`,
  );
}
const ratios = Object.values(perMiB).flatMap((figures) => figures.map((ms, i) => ms / reference[i]));
console.log(`Worst ratio to plain text-heavy input: ${Math.max(...ratios).toFixed(2)}× (the issue's aim: ≤ 1.2×)`);

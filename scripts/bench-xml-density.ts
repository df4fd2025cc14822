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
 * fastest run's time per MiB (the figure least disturbed by other work on a
 * shared machine) and the ratio to plain text-heavy input of that size.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseXmlElements, type XmlNode } from '../main/connectors/shared/xml';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const collectGarbage = (globalThis as { gc?: () => void }).gc;

/** Reads every text and attribute value once, as a decoder would. */
function readAll(nodes: XmlNode[]): number {
  let sum = 0;
  for (const node of nodes) {
    sum += node.text.charCodeAt(node.text.length - 1) || 0;
    if (node.attributes) for (const value of Object.values(node.attributes)) sum += value.charCodeAt(value.length - 1) || 0;
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

/** One shape at one size, in this process: warmed up, then the fastest of ROUNDS runs, each after a full collection. */
function measure(shape: string, mib: number): number {
  const xml = documentOf(shape, mib * 2 ** 20);
  const parse = () => readAll(parseXmlElements(xml));
  for (let i = 0; i < 3; i++) parse();
  let least = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    collectGarbage?.();
    const started = performance.now();
    parse();
    least = Math.min(least, performance.now() - started);
  }
  return least / (xml.length / 2 ** 20);
}

// Each shape and size in a process of its own: the garbage collector's and the compiler's state after one shape
// (heap sizes, optimised code) would otherwise decide another's figure more than the parser does.
const [onlyShape, onlyMiB] = process.argv.slice(2);
if (onlyShape !== undefined) {
  process.stdout.write(String(measure(onlyShape, Number(onlyMiB))));
  process.exit(0);
}
const perMiB: Record<string, number[]> = {};
for (const shape of shapes) {
  perMiB[shape] = sizes.map((mib) =>
    Number(execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), shape, String(mib)], { encoding: 'utf8' })),
  );
}

const reference = perMiB['plain, text-heavy'];
console.log(
  `Shared one-pass XML parser: ms per MiB, the fastest of ${ROUNDS} rounds${collectGarbage ? '' : ' (run with --expose-gc for steadier figures)'}`,
);
console.log(`  ${'shape'.padEnd(28)}${sizes.map((mib) => `${mib} MiB`.padStart(10) + 'ratio'.padStart(8)).join('  ')}`);
for (const [shape, figures] of Object.entries(perMiB)) {
  const cells = figures.map((ms, i) => `${ms.toFixed(1).padStart(10)}${`${(ms / reference[i]).toFixed(2)}×`.padStart(8)}`);
  console.log(`  ${shape.padEnd(28)}${cells.join('  ')}`);
}
const ratios = Object.values(perMiB).flatMap((figures) => figures.map((ms, i) => ms / reference[i]));
console.log(`Worst ratio to plain text-heavy input: ${Math.max(...ratios).toFixed(2)}× (the issue's aim: ≤ 1.2×)`);

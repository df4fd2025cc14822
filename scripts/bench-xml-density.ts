/**
 * Benchmark (prints figures; not a timed test): what the shared one-pass XML
 * parser (main/connectors/shared/xml.ts) costs per MiB for inputs of the same
 * size but different density. The issue's rule: entity- or attribute-dense
 * input costs no more per MiB than plain input.
 *
 *   npm run bench:xml-density            (BENCH_ROUNDS=50 and BENCH_PASSES=5 for steadier figures)
 *
 * Shapes, each at 1 and 4 MiB (4 MiB is the largest reply any protocol allows):
 * - plain, text-heavy: names and numbers, few tags (the reference the ratios are to)
 * - plain, bench:xml's shape: shorter texts, more tags
 * - plain, ü/õ at a text end: text-heavy, each name starting or ending with a letter beyond ASCII (Estonian names)
 * - attribute-dense: empty elements with a dozen short attributes each
 * - 256 attributes per element: elements at the parser's attribute limit
 * - reference-dense: texts made of entity and character references only
 * - plain, reference-dense's tree: the same document with every '&' written '_' (same elements, same text lengths)
 * - one text, all references: a single text of nothing but references
 * - element-dense: nested tiny elements, almost no text
 * Each run parses and reads every text once, as the decoders do (the tree
 * holds attributes as written until a decoder asks: attributesOf); a second
 * column also reads every attribute of every element, what a decoder that
 * wanted them all would pay. The npm script runs the code bundled by
 * esbuild under plain node, as serve and the Electron main process run it
 * (scripts/run-bundled.ts), with V8's young
 * generation capped as `npm run serve` runs (--max-semi-space-size=4), so the
 * collections a tree's build causes are the product's. Printed: the median
 * CPU time per MiB over ROUNDS runs in a row, collections included (process.cpuUsage, user + system: on a shared
 * machine the figure other work disturbs least; it includes the garbage
 * collector's helper threads) and the ratio to plain text-heavy input of that
 * size; then, at the largest size, the heap the tree holds per MiB of input
 * (after a full collection; needs --expose-gc) and its elements per MiB — a
 * fixed property of the shape, the same on any machine. Then the dearest
 * dense shape beside the dearest plain one (what a peer gains by writing
 * references or attributes), and last reference-dense input beside the least
 * any decoder in JavaScript pays for it (measureFloor).
 */
import { execFileSync } from 'node:child_process';
import { attributesOf, parseXmlElements, type XmlNode } from '../main/connectors/shared/xml';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);
const collectGarbage = (globalThis as { gc?: () => void }).gc;

/** Reads every text once, as the decoders do (they read an attribute on few elements: innovaphone's arrayType). */
function readTexts(nodes: XmlNode[]): number {
  let sum = 0;
  for (const node of nodes) sum += (node.text.charCodeAt(node.text.length - 1) || 0) + readTexts(node.children);
  return sum;
}

/** Reads every text and every attribute value once (attributesOf on each element): what a decoder that wanted them all would pay. */
function readEverything(nodes: XmlNode[]): number {
  let sum = 0;
  for (const node of nodes) {
    sum += node.text.charCodeAt(node.text.length - 1) || 0;
    const attributes = attributesOf(node);
    if (attributes)
      for (const key in attributes) {
        const value = attributes[key];
        sum += value.charCodeAt(value.length - 1) || 0;
      }
    sum += readEverything(node.children);
  }
  return sum;
}

/** The text of every element of the reference-dense shape: 13 references, each of the five predefined entities and decimal and hex character references. */
const REFERENCES = '&amp;&lt;&gt;&#65;&#x42;&quot;&apos;&amp;&lt;&gt;&#65;&#1049;&#x20AC;';
/** What REFERENCES decodes to, in UTF-16 code units. */
const DECODED = Uint16Array.from(`&<>AB"'&<>A\u0419\u20ac`, (c) => c.charCodeAt(0));

const repeated: Record<string, (i: number) => string> = {
  'plain, text-heavy': (i) =>
    `<item><cn>Colleague number ${i} at the front desk of the Tallinn office</cn><e164>+37264${10000 + (i % 90000)}</e164></item>`,
  'plain, bench:xml shape': (i) => `<item><cn>Colleague number ${i}</cn><e164>${2000 + i}</e164></item>`,
  'plain, ü/õ at a text end': (i) =>
    `<item><cn>Ülle colleague number ${i} at the front desk of the Tallinn office Tüü</cn><e164>+37264${10000 + (i % 90000)}</e164></item>`,
  'attribute-dense': (i) => `<item a="${i}" b="x" c="y" d="z" e="1" f="2" g="3" h="4" i="5" j="6" k="7" l="8"/>`,
  '256 attributes per element': (i) => `<e${Array.from({ length: 256 }, (_, k) => ` a${k}="${(i + k) % 10}"`).join('')}/>`,
  'reference-dense': () => `<item><cn>${REFERENCES}</cn></item>`,
  "plain, reference-dense's tree": () => `<item><cn>${REFERENCES.replaceAll('&', '_')}</cn></item>`,
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

/** Elements in a tree. */
function elementsIn(nodes: XmlNode[]): number {
  let count = 0;
  for (const node of nodes) count += 1 + elementsIn(node.children);
  return count;
}

interface Figures {
  /** CPU ms per MiB: parse and read every text (what the console pays), and parse and read everything. */
  msPerMiB: number;
  everythingMsPerMiB: number;
  heapPerMiB: number;
  elementsPerMiB: number;
}

/**
 * The CPU time a run of `run` costs on average over `rounds` runs in a row,
 * after `warmUp` runs (so it is optimised code that is timed): each run's
 * trees become garbage during the next ones, so the average carries the
 * collections a run causes, scavenges and the periodic full collection alike
 * (a median of single runs fell on either side of a full collection at
 * random: the same work measured 9 or 14 ms a MiB in one process).
 */
function averageCpuMs(run: () => unknown, rounds: number, warmUp = 5): number {
  for (let i = 0; i < warmUp; i++) run();
  const started = cpuMs();
  for (let round = 0; round < rounds; round++) run();
  return (cpuMs() - started) / rounds;
}

/**
 * One shape at one size, in this process: the average of ROUNDS runs each
 * way, with no collection forced between them (a forced full collection left
 * the next run to start in a shrunken young generation, or beside the
 * collector's concurrent sweep, at random: the same shape measured 10 or
 * 50 ms a MiB from one process to the next); and what the tree holds.
 */
function measure(shape: string, mib: number): Figures {
  const xml = documentOf(shape, mib * 2 ** 20);
  const inputMiB = xml.length / 2 ** 20;
  const msPerMiB = averageCpuMs(() => readTexts(parseXmlElements(xml)), ROUNDS) / inputMiB;
  const everythingMsPerMiB = averageCpuMs(() => readEverything(parseXmlElements(xml)), ROUNDS) / inputMiB;
  collectGarbage?.();
  const before = process.memoryUsage().heapUsed;
  const tree = parseXmlElements(xml);
  collectGarbage?.();
  const heapPerMiB = collectGarbage ? (process.memoryUsage().heapUsed - before) / inputMiB : NaN;
  return { msPerMiB, everythingMsPerMiB, heapPerMiB, elementsPerMiB: elementsIn(tree) / inputMiB };
}

/** The least a decoder in JavaScript can pay for the reference-dense shape's texts, and what the plain tree's slices cost, in CPU ms per MiB. */
interface Floor {
  /** Each character of every text read once (charCodeAt) and each text's string made once from a buffer of its decoded length. */
  readAndMakeMsPerMiB: number;
  /** Each text kept as a slice of the document: what the plain tree pays for its texts instead. */
  sliceMsPerMiB: number;
}

/**
 * The floor under the reference-dense shape: whatever a decoder in JavaScript does, it reads every character of a
 * text with references at least once (to check and decode it; no native search can say a reference is well formed)
 * and makes a new string of what it decoded, where the plain tree's text is found by a native search and kept as a
 * slice. Both are timed here alone, on the texts of the reference-dense document, the same way the shapes are.
 * The cheapest ways found to do each (measured in isolation on this shape), as the parser does them: the document
 * copied into a Uint16Array 64 Ki characters at a time by Buffer's ucs2Write and read there (a third of what
 * charCodeAt costs), and each string made by String.fromCharCode with its 13 units as arguments (half of what
 * Buffer's ucs2Slice costs, and less than fromCharCode's apply or TextDecoder).
 */
function measureFloor(mib: number): Floor {
  const xml = documentOf('reference-dense', mib * 2 ** 20);
  const inputMiB = xml.length / 2 ** 20;
  const starts: number[] = [];
  for (let at = xml.indexOf('<cn>'); at >= 0; at = xml.indexOf('<cn>', at + 1)) starts.push(at + 4);
  const length = REFERENCES.length;
  const WINDOW = 64 * 1024;
  const windowBytes = Buffer.alloc(2 * WINDOW);
  const windowUnits = new Uint16Array(windowBytes.buffer, windowBytes.byteOffset, WINDOW);
  const copy = Reflect.get(Buffer.prototype, 'ucs2Write') as (this: Buffer, text: string, offset: number, length: number) => number;
  const kept: string[] = new Array<string>(starts.length);
  const readAndMake = () => {
    let sum = 0;
    let windowStart = 0;
    let windowEnd = -1;
    for (let t = 0; t < starts.length; t++) {
      const from = starts[t];
      if (from + length > windowEnd) {
        windowStart = from;
        windowEnd = Math.min(xml.length, from + WINDOW);
        copy.call(windowBytes, xml.slice(windowStart, windowEnd), 0, 2 * (windowEnd - windowStart));
      }
      const u = windowUnits;
      const f = from - windowStart;
      for (let i = f; i < f + length; i++) sum += u[i];
      // The string of what the text decodes to, as a decoder would make it.
      const d = DECODED;
      kept[t] = String.fromCharCode(d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11], d[12]);
    }
    return sum;
  };
  const slice = () => {
    for (let t = 0; t < starts.length; t++) kept[t] = xml.slice(starts[t], starts[t] + length);
  };
  return {
    readAndMakeMsPerMiB: averageCpuMs(readAndMake, ROUNDS) / inputMiB,
    sliceMsPerMiB: averageCpuMs(slice, ROUNDS) / inputMiB,
  };
}

/** The pseudo-shape a child process measures the floor under (measureFloor) for. */
const FLOOR = 'floor';

// Each shape and size in a process of its own: the garbage collector's and the compiler's state after one shape
// (heap sizes, optimised code) would otherwise decide another's figure more than the parser does.
const [onlyShape, onlyMiB] = process.argv.slice(2);
if (onlyShape !== undefined) {
  process.stdout.write(JSON.stringify(onlyShape === FLOOR ? measureFloor(Number(onlyMiB)) : measure(onlyShape, Number(onlyMiB))));
  process.exit(0);
}
/**
 * PASSES passes over every shape, each pass running the shapes one after another: a ratio is taken between the
 * shape and plain input of the same pass (a minute apart at most), and the median of those is printed. The machine's
 * state drifts over the minutes a run takes (plain input measured 11 to 15 ms/MiB from one run to the next), and a
 * ratio of two figures taken far apart carried that drift.
 */
const PASSES = Number(process.env.BENCH_PASSES ?? 3);
const passes: Record<string, Figures[]>[] = [];
const floors: Floor[] = [];
/** One shape (or the floor) at one size, measured in a child process. */
function measureApart<T>(shape: string, mib: number): T {
  // process.argv[1]: this script as it runs, a .ts under tsx or the bundle run-bundled.ts made (no import.meta there).
  const output = execFileSync(process.execPath, [...process.execArgv, process.argv[1], shape, String(mib)], { encoding: 'utf8' });
  return JSON.parse(output) as T;
}
for (let pass = 0; pass < PASSES; pass++) {
  const figuresOfPass: Record<string, Figures[]> = {};
  for (const shape of shapes) figuresOfPass[shape] = sizes.map((mib) => measureApart<Figures>(shape, mib));
  passes.push(figuresOfPass);
  floors.push(measureApart<Floor>(FLOOR, sizes[sizes.length - 1]));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The median over the passes of a figure of one shape at one size. */
const medianOf = (shape: string, size: number, figure: (f: Figures) => number) => median(passes.map((pass) => figure(pass[shape][size])));
/** The median over the passes of a figure's ratio to plain text-heavy input's time in the same pass. */
const medianRatio = (shape: string, size: number, figure: (f: Figures) => number) =>
  median(passes.map((pass) => figure(pass[shape][size]) / pass['plain, text-heavy'][size].msPerMiB));

const semiSpace = process.execArgv.find((flag) => flag.startsWith('--max-semi-space-size'));
console.log(
  `Shared one-pass XML parser: CPU ms per MiB, the average of ${ROUNDS} rounds in a row (${semiSpace ?? "node's default young generation"}), ` +
    'parse + every text read (as the decoders read), and parse + every attribute too (attributesOf on each element); ' +
    `medians over ${PASSES} passes, each ratio to plain text-heavy input of the same pass`,
);
const largest = sizes.length - 1;
const cell = (ms: number, ratio: number) => `${ms.toFixed(1).padStart(8)}${`${ratio.toFixed(2)}×`.padStart(7)}`;
console.log(
  `  ${'shape'.padEnd(28)}${sizes.map((mib) => `${mib} MiB`.padStart(15) + `+attrs`.padStart(15)).join('')}` +
    `  ${`tree MiB/MiB at ${sizes[largest]}`.padStart(19)}${'elements/MiB'.padStart(14)}`,
);
const textsMs = (f: Figures) => f.msPerMiB;
const everythingMs = (f: Figures) => f.everythingMsPerMiB;
for (const shape of shapes) {
  const cells = sizes.map(
    (_, size) =>
      cell(medianOf(shape, size, textsMs), medianRatio(shape, size, textsMs)) +
      cell(medianOf(shape, size, everythingMs), medianRatio(shape, size, everythingMs)),
  );
  const heapPerMiB = medianOf(shape, largest, (f) => f.heapPerMiB);
  const elementsPerMiB = medianOf(shape, largest, (f) => f.elementsPerMiB);
  console.log(
    `  ${shape.padEnd(28)}${cells.join('')}  ${(heapPerMiB / 2 ** 20).toFixed(1).padStart(19)}${Math.round(elementsPerMiB).toLocaleString('en').padStart(14)}`,
  );
}
/** The shapes the issue's rule is about: entity- and attribute-dense input. */
const DENSE = ['attribute-dense', '256 attributes per element', 'reference-dense', 'one text, all references'];
const worst = Math.max(...DENSE.flatMap((shape) => sizes.map((_, size) => medianRatio(shape, size, textsMs))));
console.log(
  `Worst entity- or attribute-dense ratio to plain text-heavy input (parse + texts, median of ${PASSES} passes): ${worst.toFixed(2)}× (the issue's aim: ≤ 1×)`,
);
// What a peer gains by writing references or attributes instead of plain XML of the same size: the dearest dense
// shape beside the dearest plain one (plain input of other shapes costs more than text-heavy input too).
const PLAIN = shapes.filter((shape) => shape.startsWith('plain') || shape === 'element-dense');
const dearest = (among: string[]) =>
  among
    .flatMap((shape) => sizes.map((_, size) => ({ shape, size, ratio: medianRatio(shape, size, textsMs) })))
    .reduce((a, b) => (b.ratio > a.ratio ? b : a));
const denseDearest = dearest(DENSE);
const plainDearest = dearest(PLAIN);
console.log(
  `Dearest dense shape: ${denseDearest.shape} at ${sizes[denseDearest.size]} MiB, ${denseDearest.ratio.toFixed(2)}× plain text-heavy; ` +
    `dearest plain shape: ${plainDearest.shape} at ${sizes[plainDearest.size]} MiB, ${plainDearest.ratio.toFixed(2)}×`,
);

// Why reference-dense input stays above plain text-heavy input: its own plain tree plus the floor (measureFloor) is
// already more, at the largest size; each figure the median over the passes, the ratio taken within each pass.
const plainTree = medianOf("plain, reference-dense's tree", largest, textsMs);
const readAndMake = median(floors.map((floor) => floor.readAndMakeMsPerMiB));
const slices = median(floors.map((floor) => floor.sliceMsPerMiB));
const leastOf = (pass: number) =>
  passes[pass]["plain, reference-dense's tree"][largest].msPerMiB + floors[pass].readAndMakeMsPerMiB - floors[pass].sliceMsPerMiB;
const least = median(passes.map((_, pass) => leastOf(pass)));
const leastRatio = median(passes.map((pass, index) => leastOf(index) / pass['plain, text-heavy'][largest].msPerMiB));
console.log(
  `Reference-dense at ${sizes[largest]} MiB against the least a decoder in JavaScript can pay: its tree with plain texts ${plainTree.toFixed(1)} ms/MiB, ` +
    `+ every character of its texts read once and each text's string made ${readAndMake.toFixed(1)}, − the plain tree's slices ${slices.toFixed(1)} ` +
    `= at least ${least.toFixed(1)} ms/MiB (${leastRatio.toFixed(2)}× plain text-heavy); ` +
    `measured ${medianOf('reference-dense', largest, textsMs).toFixed(1)} (${medianRatio('reference-dense', largest, textsMs).toFixed(2)}×)`,
);

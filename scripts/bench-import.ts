/**
 * Benchmark (not a test): importing a large contacts file through the same
 * path the UI takes — the renderer store's import sending the previewed
 * contacts in batches over a simulated browser bridge (frames checked,
 * replies serialised and parsed) to ConsoleService, the contact book, and a
 * real contacts file in a temporary folder.
 *
 *   npx tsx scripts/bench-import.ts                 (10,000 and 100,000 contacts)
 *   BENCH_IMPORT_SIZES=20000 npx tsx scripts/bench-import.ts
 *
 * Prints per size: wall and CPU time, saves and bytes written to the contacts
 * file, bytes of the requests and replies, and the process's peak RSS so far;
 * then, for one contact added, one edited and one deleted by hand after the
 * import: wall and CPU time of the whole round trip (store, bridge, core,
 * file), how much of the wall time the file's save took, bytes written and
 * bytes of the reply, and how long the contacts panel takes to order the list
 * again (the first sort of the list read is printed before); then the heap and
 * Buffers held after them.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createStore } from 'zustand/vanilla';
import { MAX_BRIDGE_FRAME_BYTES, parseBridgeClientFrame, parseReply, type Reply, type RequestParams } from '../app/contract';
import type { Contact, ContactInput } from '../app/directory/contact';
import type { Message } from '../app/i18n/message';
import { coreHandlers, type CoreHandlers } from '../main/bridge/request-handler';
import { ConsoleService } from '../main/core/console-service';
import { ContactsFile } from '../main/runtime/contacts-file';
import { memoryLogger } from '../main/testing/memory-logger';
import { ContactOrder } from '../renderer/src/components/contacts/contact-order';
import { createDirectorySlice, type DirectoryApi } from '../renderer/src/store/directory-slice';
import type { AttendantState } from '../renderer/src/store/types';
import { SeededRandom } from './seeded-random';

const SIZES = (process.env.BENCH_IMPORT_SIZES ?? '10000,100000').split(',').map(Number);
/** How long the hand edits wait after the import, for the directory's reindexing of it to be over. */
const IMPORT_SETTLE_MS = 2000;
/** One row in this many repeats an earlier one (a file exported twice into one): the core must skip it. */
const DUPLICATE_EVERY = 97;

// ---------------------------------------------------------------------------
// Synthetic contacts (deterministic).

const generator = new SeededRandom(20260214);
const random = () => generator.next();
const pick = <T>(items: readonly T[]): T => generator.pick(items);
const digits = (count: number) => generator.digits(count);

const FIRST = ['Mart', 'Kadri', 'Tõnu', 'Liis', 'Jüri', 'Mari', 'Aino', 'Juha', 'Jürgen', 'Müller', 'Ольга', 'Сергей', 'Tiina', 'Ülle'];
const LAST = ['Kask', 'Põld', 'Tamm', 'Saar', 'Lind', 'Mägi', 'Virtanen', 'Mäkinen', 'Schröder', 'Weiß', 'Иванова', 'Петров'];
const COMPANY = ['Põhja Logistika', 'Kask Ehitus', 'Tallinna Vesi', 'Nordic Freight', 'Müller & Söhne', 'Viru Keskus', 'Lõuna Pagar'];
const FORM = ['AS', 'OÜ', 'Oy', 'GmbH', 'SA'];
const DEPARTMENT = ['Sales', 'Support', 'Finance', 'Logistics', 'Müük', 'Klienditugi'];

function contactRow(i: number): ContactInput {
  const first = pick(FIRST);
  const last = pick(LAST);
  const numbers: ContactInput['numbers'] = [{ number: `+372 5${digits(3)} ${digits(4)}`, type: 'mobile' }];
  if (random() < 0.5) numbers.push({ number: `6${digits(2)} ${digits(4)}`, type: 'work' });
  if (random() < 0.2) numbers.push({ number: `+49 30 ${digits(7)}`, type: 'work' });
  const row: ContactInput = { firstName: first, lastName: `${last}${i % 7 === 0 ? '-' + pick(LAST) : ''}`, numbers };
  if (random() < 0.8) row.company = `${pick(COMPANY)} ${pick(FORM)}`;
  if (random() < 0.4) row.department = pick(DEPARTMENT);
  if (random() < 0.6) row.email = `${first.toLowerCase()}.${last.toLowerCase()}${i}@example.com`;
  if (random() < 0.1) row.note = 'Prefers calls after 10:00';
  return row;
}

function buildRows(count: number): ContactInput[] {
  const rows: ContactInput[] = [];
  for (let i = 0; i < count; i++) {
    const earlier = rows[Math.floor(random() * rows.length)];
    rows.push(i % DUPLICATE_EVERY === DUPLICATE_EVERY - 1 && earlier ? earlier : contactRow(i));
  }
  return rows;
}

// ---------------------------------------------------------------------------
// The contacts file, counted.

class CountedContactsFile extends ContactsFile {
  saves = 0;
  bytesWritten = 0;
  /** Wall time spent in save (serialise, write, fsync, rename). */
  saveMs = 0;
  constructor(private readonly where: string) {
    super(where);
  }
  override async save(contacts: readonly Contact[]): Promise<void> {
    const started = performance.now();
    await super.save(contacts);
    this.saveMs += performance.now() - started;
    this.saves++;
    this.bytesWritten += (await stat(this.where)).size;
  }
}

/**
 * The renderer's API as the browser bridge carries it: each request framed,
 * checked and handled as the `serve` bridge does (coreHandlers), each reply
 * serialised by the core and parsed and checked by the page.
 */
function bridgedApi(service: ConsoleService, counts: { requestBytes: number; replyBytes: number }): DirectoryApi {
  const handlers = coreHandlers(service);
  let id = 0;
  async function request<M extends keyof DirectoryApi>(method: M, params?: RequestParams<M>): Promise<Reply<M>> {
    const frame = JSON.stringify({ id: ++id, method, params });
    counts.requestBytes += Buffer.byteLength(frame);
    if (Buffer.byteLength(frame) > MAX_BRIDGE_FRAME_BYTES) throw new Error(`a ${method} frame is larger than the bridge takes`);
    // Checked as the bridge server checks it (size, frame, parameter); its method is `method`.
    const checked = parseBridgeClientFrame(frame).params as RequestParams<M>;
    const handler: CoreHandlers[M] = handlers[method];
    const text = JSON.stringify(await handler(checked));
    counts.replyBytes += Buffer.byteLength(text);
    return parseReply(method, JSON.parse(text));
  }
  return {
    searchDirectory: (query) => request('searchDirectory', query),
    listContacts: () => request('listContacts'),
    saveContact: (contact) => request('saveContact', contact),
    deleteContact: (contactId) => request('deleteContact', contactId),
    importContacts: (batch) => request('importContacts', batch),
  };
}

interface Outcome {
  added: number;
  skipped: number;
  listed: number;
}

/** A store of the directory slice alone: an import or an edit uses nothing of the others. */
function directoryStore(api: DirectoryApi) {
  return createStore<AttendantState>()((...args) => createDirectorySlice(api)(...args) as AttendantState);
}

/** The renderer's own import (renderer/src/store/directory-slice.ts). */
async function importAll(store: ReturnType<typeof directoryStore>, rows: ContactInput[]): Promise<Outcome> {
  const result = await store.getState().importContacts(rows);
  if (result.error) throw new Error(`import refused: ${result.error.key}`);
  return { added: result.added, skipped: result.skipped.length, listed: store.getState().contacts.list.length };
}

/**
 * The changes a receptionist makes by hand after an import, in order, through the renderer store: one contact
 * added, an imported one edited, the added one deleted.
 */
function handEdits(store: ReturnType<typeof directoryStore>, size: number): [string, () => Promise<Message | null>][] {
  const added = contactRow(size + 1);
  const listed = () => store.getState().contacts.list;
  const find = (wanted: (contact: Contact, index: number) => boolean) => {
    const contact = listed().find(wanted);
    if (!contact) throw new Error('contact not in the list');
    return contact;
  };
  return [
    ['add', () => store.getState().saveContact(added)],
    ['edit', () => store.getState().saveContact({ ...find((_, i) => i === Math.floor(size / 2)), note: 'Edited by hand' })],
    ['delete', () => store.getState().deleteContact(find((c) => c.lastName === added.lastName && c.email === added.email).id)],
  ];
}

async function run(size: number): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-import-'));
  try {
    const rows = buildRows(size);
    const file = new CountedContactsFile(path.join(dir, 'contacts.json'));
    const service = new ConsoleService({ connectors: [], log: memoryLogger(), contacts: file, defaultCountry: () => 'EE' });
    const counts = { requestBytes: 0, replyBytes: 0 };
    const store = directoryStore(bridgedApi(service, counts));
    const cpu = process.cpuUsage();
    const started = performance.now();
    const outcome = await importAll(store, rows);
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const imported = { saves: file.saves, bytesWritten: file.bytesWritten, ...counts, maxRssKb: process.resourceUsage().maxRSS };
    const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
    console.log(
      `import ${size}: wall ${wallMs.toFixed(0)} ms, cpu ${((used.user + used.system) / 1000).toFixed(0)} ms, ` +
        `saves ${imported.saves}, written ${mb(imported.bytesWritten)}, requests ${mb(imported.requestBytes)}, replies ${mb(imported.replyBytes)}, ` +
        `added ${outcome.added}, skipped ${outcome.skipped}, listed ${outcome.listed}, peak RSS ${(imported.maxRssKb / 1024).toFixed(0)} MB`,
    );
    // The directory reindexes an import shortly after it (main/core/directory/directory.ts, REBUILD_DELAY_MS): that is
    // the import's cost, not an edit's, and a receptionist's first edit comes later than that.
    await new Promise((resolve) => setTimeout(resolve, IMPORT_SETTLE_MS));
    // The contacts panel's order of the list (renderer/src/components/contacts/contact-order.ts): sorted once as read.
    const order = new ContactOrder();
    const sortStarted = performance.now();
    order.of(store.getState().contacts.list);
    console.log(`  the panel sorts the list read: ${(performance.now() - sortStarted).toFixed(0)} ms`);
    for (const [label, change] of handEdits(store, size)) {
      const before = { saves: file.saves, saveMs: file.saveMs, bytesWritten: file.bytesWritten, replyBytes: counts.replyBytes };
      const changeCpu = process.cpuUsage();
      const changeStarted = performance.now();
      const refused = await change();
      const changeMs = performance.now() - changeStarted;
      const changeUsed = process.cpuUsage(changeCpu);
      if (refused) throw new Error(`${label} refused: ${refused.key}`);
      const orderStarted = performance.now();
      order.of(store.getState().contacts.list);
      const orderMs = performance.now() - orderStarted;
      console.log(
        `  then one ${label}: wall ${changeMs.toFixed(0)} ms, cpu ${((changeUsed.user + changeUsed.system) / 1000).toFixed(0)} ms, ` +
          `of which file save ${(file.saveMs - before.saveMs).toFixed(0)} ms (saves ${file.saves - before.saves}, ` +
          `written ${mb(file.bytesWritten - before.bytesWritten)}), reply ${(counts.replyBytes - before.replyBytes).toLocaleString('en')} B, ` +
          `listed ${store.getState().contacts.list.length}; the panel's order then ${orderMs.toFixed(0)} ms`,
      );
    }
    // The contacts file keeps the bytes it last wrote (main/runtime/contacts-file.ts): they are Buffers, outside the heap.
    const memory = process.memoryUsage();
    console.log(`  after the edits: heap used ${mb(memory.heapUsed)}, buffers ${mb(memory.arrayBuffers)}, RSS ${mb(memory.rss)}`);
    await service.stop();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  for (const size of SIZES) await run(size);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

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
 * then the same for one contact added by hand after the import.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createStore } from 'zustand/vanilla';
import { MAX_BRIDGE_FRAME_BYTES, parseBridgeClientFrame, parseReply, type Reply, type RequestParams } from '../app/contract';
import type { Contact, ContactInput } from '../app/directory/contact';
import { coreHandlers, type CoreHandlers } from '../main/bridge/request-handler';
import { ConsoleService } from '../main/core/console-service';
import { ContactsFile } from '../main/runtime/contacts-file';
import { memoryLogger } from '../main/testing/memory-logger';
import { createDirectorySlice, type DirectoryApi } from '../renderer/src/store/directory-slice';
import type { AttendantState } from '../renderer/src/store/types';

const SIZES = (process.env.BENCH_IMPORT_SIZES ?? '10000,100000').split(',').map(Number);
/** One row in this many repeats an earlier one (a file exported twice into one): the core must skip it. */
const DUPLICATE_EVERY = 97;

// ---------------------------------------------------------------------------
// Synthetic contacts (deterministic).

let seed = 20260214;
function random(): number {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
}
function pick<T>(items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new RangeError('empty list');
  return item;
}
function digits(count: number): string {
  let text = '';
  for (let i = 0; i < count; i++) text += String(Math.floor(random() * 10));
  return text;
}

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
  constructor(private readonly where: string) {
    super(where);
  }
  override async save(contacts: readonly Contact[]): Promise<void> {
    await super.save(contacts);
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
    // One contact added by hand afterwards: its reply still carries the whole list.
    const editStarted = performance.now();
    const refused = await store.getState().saveContact(contactRow(size));
    if (refused) throw new Error(`edit refused: ${refused.key}`);
    const editMs = performance.now() - editStarted;
    await service.stop();
    const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
    console.log(
      `import ${size}: wall ${wallMs.toFixed(0)} ms, cpu ${((used.user + used.system) / 1000).toFixed(0)} ms, ` +
        `saves ${imported.saves}, written ${mb(imported.bytesWritten)}, requests ${mb(imported.requestBytes)}, replies ${mb(imported.replyBytes)}, ` +
        `added ${outcome.added}, skipped ${outcome.skipped}, listed ${outcome.listed}, peak RSS ${(imported.maxRssKb / 1024).toFixed(0)} MB`,
    );
    console.log(
      `  then one edit: wall ${editMs.toFixed(0)} ms, saves ${file.saves - imported.saves}, ` +
        `written ${mb(file.bytesWritten - imported.bytesWritten)}, reply ${mb(counts.replyBytes - imported.replyBytes)}`,
    );
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

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { ipcChannel } from '../../app/contract';
import { memoryLogger } from '../testing/memory-logger';
import { registerIpc, type IpcService } from './ipc';
import { journalSaver } from './journal-export';

vi.mock('electron', () => ({}));

const words = () => ({ title: 'Export journal', csv: 'CSV file' });
let dir: string | undefined;

afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('journalSaver', () => {
  it('asks where to save, proposing the file name in the documents folder, and writes the CSV there', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'journal-export-'));
    const target = path.join(dir, 'chosen.csv');
    const showSaveDialog = vi.fn(async () => ({ canceled: false, filePath: target }));
    const save = journalSaver({ showSaveDialog, words, defaultDir: () => '/home/reception/Documents' });
    await expect(save('journal-2026-12-01.csv', 'id,number\r\n1,+3725123456\r\n')).resolves.toEqual({ kind: 'saved', path: target });
    expect(showSaveDialog).toHaveBeenCalledWith(
      expect.objectContaining({
        title: 'Export journal',
        defaultPath: path.join('/home/reception/Documents', 'journal-2026-12-01.csv'),
        filters: [{ name: 'CSV file', extensions: ['csv'] }],
      }),
    );
    expect(await readFile(target, 'utf8')).toBe('\uFEFFid,number\r\n1,+3725123456\r\n');
  });

  it('writes nothing when the dialog is cancelled', async () => {
    const write = vi.fn(async () => {});
    const save = journalSaver({ showSaveDialog: async () => ({ canceled: true, filePath: '' }), words, defaultDir: () => '/tmp', write });
    await expect(save('journal.csv', 'id\r\n')).resolves.toEqual({ kind: 'cancelled' });
    expect(write).not.toHaveBeenCalled();
  });
});

describe('the desktop export over IPC', () => {
  type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;
  const handlers = new Map<string, Handler>();
  const ipcMain = { handle: (channel: string, handler: Handler) => void handlers.set(channel, handler), removeHandler: () => {} };
  const service: IpcService = {
    execute: async () => ({ ok: true }),
    searchDirectory: async () => ({ entries: [], vendorsPending: false, failures: [] }),
    reconnect: () => ({ ok: true }),
    subscribe: () => () => {},
    exportJournalCsv: async () => 'id\r\n1\r\n',
  };
  const trusted = { senderFrame: { url: 'app://page', parent: null } } as unknown as IpcMainInvokeEvent;

  it('saves the CSV the core made through the dialog, instead of handing the page the text', async () => {
    const saveJournal = vi.fn(async (fileName: string, csv: string) => ({
      kind: 'saved' as const,
      path: `/docs/${fileName}:${csv.length}`,
    }));
    const stop = registerIpc(ipcMain, service, () => true, memoryLogger(), undefined, {
      showCall: () => {},
      lookUpInCrm: async () => ({ ok: true }),
      saveJournal,
    });
    const reply = await handlers.get(ipcChannel('exportJournal'))?.(trusted, { filter: 'missed' });
    expect(saveJournal).toHaveBeenCalledWith(expect.stringMatching(/^journal-\d{4}-\d{2}-\d{2}\.csv$/), 'id\r\n1\r\n');
    expect(reply).toMatchObject({ result: { kind: 'saved' } });
    stop();
  });
});

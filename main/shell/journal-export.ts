/**
 * The desktop app's journal export: a save dialog (Electron injected, so a
 * test passes a stand-in), then the CSV written where the receptionist chose.
 */
import type { SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { JournalExport } from '../../app/journal';

export interface JournalExportDeps {
  showSaveDialog: (options: SaveDialogOptions) => Promise<SaveDialogReturnValue>;
  /** The dialog's title and the CSV filter's name, in the receptionist's language. */
  words: () => { title: string; csv: string };
  /** Where the dialog opens (the user's documents folder). */
  defaultDir: () => string;
  write?: (file: string, text: string) => Promise<void>;
}

export function journalSaver(deps: JournalExportDeps): (fileName: string, csv: string) => Promise<JournalExport> {
  const write = deps.write ?? ((file: string, text: string) => writeFile(file, text, 'utf8'));
  return async (fileName, csv) => {
    const words = deps.words();
    const choice = await deps.showSaveDialog({
      title: words.title,
      defaultPath: path.join(deps.defaultDir(), fileName),
      filters: [{ name: words.csv, extensions: ['csv'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    if (choice.canceled || !choice.filePath) return { kind: 'cancelled' };
    // A byte-order mark so spreadsheet programs read names with ä or ö as UTF-8.
    await write(choice.filePath, `\uFEFF${csv}`);
    return { kind: 'saved', path: choice.filePath };
  };
}

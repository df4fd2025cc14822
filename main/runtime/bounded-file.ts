/**
 * Reading a file the console keeps (its configuration, its contacts) with
 * bounds: a regular file, at most `maxBytes`, both checked before a byte is
 * read, so a FIFO, a device (/dev/zero) or a file grown huge is refused at
 * once instead of read until memory or V8's string limit runs out. Each
 * caller says the refusal in its own words.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

export type BoundedRead =
  | { ok: true; text: string }
  /** `missing`: no such file; `unreadable`: it could not be opened (the system's code, e.g. EACCES). */
  | { ok: false; reason: 'missing' | 'unreadable' | 'notAFile' | 'tooLarge'; code?: string };

/** Read at most this much at once: a file is read in steps, never into one buffer of the limit's size. */
const STEP_BYTES = 1024 * 1024;

export async function readBoundedText(file: string, maxBytes: number): Promise<BoundedRead> {
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer (it is then refused as not a file).
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = errorCode(error);
    return code === 'ENOENT' ? { ok: false, reason: 'missing', code } : { ok: false, reason: 'unreadable', code };
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { ok: false, reason: 'notAFile' };
    if (stat.size > maxBytes) return { ok: false, reason: 'tooLarge' };
    // Read to the end, not to the size stat gave: the file may have grown since, and then the limit still holds.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(STEP_BYTES, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, total);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) return { ok: false, reason: 'tooLarge' };
    }
    return { ok: true, text: Buffer.concat(chunks, total).toString('utf8') };
  } catch (error) {
    return { ok: false, reason: 'unreadable', code: errorCode(error) };
  } finally {
    await handle.close();
  }
}

function errorCode(error: unknown): string {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : String(error);
}

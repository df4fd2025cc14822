import type { Logger } from '../core/log';
import { redactSecrets, type LogLevel } from '../core/log';

/** A logger that remembers entries; for tests that assert "ignored with a log line". */
export function memoryLogger(): Logger & { entries: { level: LogLevel; message: string; meta?: Record<string, unknown> }[] } {
  const entries: { level: LogLevel; message: string; meta?: Record<string, unknown> }[] = [];
  const write = (level: LogLevel) => (message: string, meta?: Record<string, unknown>) => {
    entries.push({ level, message, meta: redactSecrets(meta) });
  };
  return { entries, debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** Where the console writes what happened (for administrators, in English; never shown to the receptionist). */
export interface Logger {
  debug: (message: string, meta?: Record<string, unknown>) => void;
  info: (message: string, meta?: Record<string, unknown>) => void;
  warn: (message: string, meta?: Record<string, unknown>) => void;
  error: (message: string, meta?: Record<string, unknown>) => void;
}

/** Keys never written to a log, whatever a caller passes. */
const SECRET_KEYS = /pass(word)?|secret|token|authorization/i;

/** The meta object with the values of secret-looking keys replaced (every logger applies it). */
export function redactSecrets(meta: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!meta) return meta;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(meta)) out[key] = SECRET_KEYS.test(key) ? '[redacted]' : value;
  return out;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** A line-per-entry logger on stderr; level from ATTENDANT_LOG (default info). */
export function consoleLogger(scope: string, level: LogLevel = (process.env.ATTENDANT_LOG as LogLevel) || 'info'): Logger {
  const min = ORDER[level] ?? ORDER.info;
  const write = (lvl: LogLevel) => (message: string, meta?: Record<string, unknown>) => {
    if (ORDER[lvl] < min) return;
    const safe = redactSecrets(meta);
    process.stderr.write(`${new Date().toISOString()} ${lvl.padEnd(5)} [${scope}] ${message}${safe ? ` ${JSON.stringify(safe)}` : ''}\n`);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/**
 * The command line of `serve` (headless browser mode), parsed into the
 * options createRuntime and the bridge server take. Pure, so every flag
 * combination is unit-tested without starting anything.
 */

import { isVendor, type Vendor } from '../app/vendors';
import { CONNECTORS } from './runtime/vendors';

/** The vendors the demo PBX can speak. */
const DEMOS: readonly Vendor[] = CONNECTORS.modules.flatMap((m) => (m.demo && isVendor(m.definition.vendor) ? [m.definition.vendor] : []));

export interface ServeArgs {
  /** The demo PBX to run (by the vendor protocol it speaks), unless a config file is given. */
  demo?: Vendor;
  demoMode?: 'live' | 'manual';
  configPath?: string;
  port: number;
  simControl: boolean;
  /** tel:/callto: links for the page to confirm once a line is online (what a browser hands the desktop app on a cold start). */
  openLinks?: string[];
  /** Where settings are saved (preferences; connections too in demo mode). */
  settingsDir?: string;
}

export type ParsedServeArgs = { kind: 'run'; args: ServeArgs } | { kind: 'help' } | { kind: 'error'; message: string };

export const SERVE_USAGE = `Usage: npm run serve -- [options]

Runs the attendant console headless and serves its user interface on
http://127.0.0.1 (loopback only); open the address it prints.

Options:
  --demo [vendor]        run against the built-in demo PBX (default without --config),
                         speaking the protocol of: ${DEMOS.join(', ')} (default telserver)
  --demo-mode live|manual
                         live: the demo PBX makes calls by itself (default);
                         manual: calls arrive only when asked (tests)
  --config <file>        connect to the PBXs described in this JSON file
  --port <n>             port to listen on; 0 picks a free one (default 0)
  --sim-control          demo only: accept POST /__sim/<action> to drive the demo PBX
  --settings-dir <dir>   keep settings and the journal here: preferences.json, journal.sqlite,
                         and in demo mode the connections added in Settings (connections.json);
                         with --config, connections are saved to that file (default: the
                         user's data folder, e.g. ~/.config/attendant-console, and its demo/
                         profile when running the demo)
  --open-link <url>      offer this tel: or callto: link to the page as soon as a line is
                         online: it shows the number and asks before dialling (the
                         desktop app's click-to-dial path; if repeated, the last wins)
  --help                 show this text`;

const DEMO_MODES = ['live', 'manual'] as const;

export function parseServeArgs(argv: readonly string[]): ParsedServeArgs {
  let demo: Vendor | undefined;
  let demoFlag = false;
  let demoMode: 'live' | 'manual' | undefined;
  let configPath: string | undefined;
  let port = 0;
  let simControl = false;
  const openLinks: string[] = [];
  let settingsDir: string | undefined;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inlineValue] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    /** The flag's value: `--flag=value` or the next argument. */
    const takeValue = (): string | undefined => {
      if (inlineValue !== undefined) return inlineValue;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) return undefined;
      i++;
      return next;
    };
    switch (flag) {
      case '--help':
      case '-h':
        return { kind: 'help' };
      case '--demo': {
        demoFlag = true;
        // The value is optional: only a following word that is not a flag is taken.
        const value = inlineValue ?? (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--') ? argv[++i] : 'telserver');
        const chosen = DEMOS.find((vendor) => vendor === value);
        if (!chosen) return error(`Unknown demo "${value}"; available: ${DEMOS.join(', ')}.`);
        demo = chosen;
        break;
      }
      case '--demo-mode': {
        const value = takeValue();
        if (!value || !(DEMO_MODES as readonly string[]).includes(value)) return error('--demo-mode takes live or manual.');
        demoMode = value as 'live' | 'manual';
        break;
      }
      case '--config': {
        const value = takeValue();
        if (!value) return error('--config takes the path of a configuration file.');
        configPath = value;
        break;
      }
      case '--port': {
        const value = takeValue();
        const n = value !== undefined && /^\d{1,5}$/.test(value) ? Number(value) : NaN;
        if (!(n >= 0 && n <= 65535)) return error('--port takes a number from 0 to 65535 (0 picks a free port).');
        port = n;
        break;
      }
      case '--open-link': {
        const value = inlineValue ?? argv[++i];
        if (!value) return error('--open-link takes a tel: or callto: link.');
        openLinks.push(value);
        break;
      }
      case '--settings-dir': {
        const value = takeValue();
        if (!value) return error('--settings-dir takes the path of a folder.');
        settingsDir = value;
        break;
      }
      case '--sim-control':
        if (inlineValue !== undefined) return error('--sim-control takes no value.');
        simControl = true;
        break;
      default:
        return error(`Unknown option "${arg}".`);
    }
  }

  const extras = () => ({ ...(openLinks.length > 0 ? { openLinks } : {}), ...(settingsDir !== undefined ? { settingsDir } : {}) });
  if (configPath !== undefined) {
    if (demoFlag) return error('Choose either --demo or --config, not both.');
    if (demoMode) return error('--demo-mode applies to the demo PBX only; it cannot be used with --config.');
    if (simControl) return error('--sim-control drives the demo PBX only; it cannot be used with --config.');
    return { kind: 'run', args: { configPath, port, simControl, ...extras() } };
  }
  return { kind: 'run', args: { demo: demo ?? 'telserver', demoMode: demoMode ?? 'live', port, simControl, ...extras() } };
}

function error(message: string): ParsedServeArgs {
  return { kind: 'error', message };
}

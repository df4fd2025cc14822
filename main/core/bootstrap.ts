/**
 * From "demo" or a config file to a running core. Shared by `serve` (browser
 * mode) and the Electron shell, so both run exactly the same thing.
 */
import { bool, int, object, optional, str, ValidationError, type Validator } from '../../app/validate';
import { startDemoPbx, type DemoPbx } from '../sim';
import { loadConfig, type ConsoleConfig } from './config';
import type { Logger } from './connector';
import { connectorFactories } from './connectors';
import { ConsoleService } from './console-service';
import { consoleLogger } from './log';

export type SimControl = (action: string, args: unknown) => Promise<unknown>;

export interface ConsoleRuntime {
  service: ConsoleService;
  /** Present in demo mode: drives the demo PBX (tests, `--sim-control`). */
  simControl?: SimControl;
  /** One line, e.g. 'demo PBX (TelServer on 127.0.0.1:40123)'. */
  description: string;
  stop(): Promise<void>;
}

export interface RuntimeOptions {
  demo?: 'telserver';
  /** live: callers arrive by themselves; manual: only what a test asks for. */
  demoMode?: 'live' | 'manual';
  configPath?: string;
  log?: Logger;
}

/** The receptionist's device on the demo PBX. */
export const DEMO_RECEPTION_DEVICE = '1100';

export async function createRuntime(options: RuntimeOptions): Promise<ConsoleRuntime> {
  const log = options.log ?? consoleLogger('core');
  if (options.configPath) {
    const config = await loadConfig(options.configPath);
    const service = new ConsoleService({ connectors: connectorFactories(config), log });
    service.start();
    return {
      service,
      description: `${config.connections.length} connection(s) from ${options.configPath}`,
      stop: () => service.stop(),
    };
  }

  const pbx = await startDemoPbx({ mode: options.demoMode ?? 'live', log });
  const config: ConsoleConfig = {
    defaultCountry: 'EE',
    connections: [
      {
        vendor: 'telserver',
        id: 'demo',
        label: 'Demo PBX (TelServer)',
        host: pbx.telserver.host,
        port: pbx.telserver.port,
        requestTimeoutMs: 3000,
        // Short, so a dropped session is noticed within seconds in the demo.
        keepaliveSeconds: 2,
        lines: [{ device: DEMO_RECEPTION_DEVICE, label: 'Reception' }],
      },
    ],
  };
  const service = new ConsoleService({ connectors: connectorFactories(config), log });
  service.start();
  return {
    service,
    simControl: demoControl(pbx),
    description: `demo PBX (TelServer on ${pbx.telserver.host}:${pbx.telserver.port}, ${options.demoMode ?? 'live'} mode)`,
    stop: async () => {
      await service.stop();
      await pbx.stop();
    },
  };
}

const device = str({ min: 1, max: 16, pattern: /^[0-9]+$/ });
const number = str({ min: 1, max: 32, pattern: /^\+?[0-9*#]+$/ });

/** The demo PBX's control actions, each with its argument validator. */
function demoControl(pbx: DemoPbx): SimControl {
  const actions: Record<string, { args: Validator<any>; run(args: any): unknown }> = {
    incomingCall: {
      args: object({ from: number, to: optional(device) }),
      run: (a) => {
        pbx.control.incomingCall({ from: a.from, to: a.to ?? DEMO_RECEPTION_DEVICE });
        return { sentAt: Date.now() };
      },
    },
    remoteHangup: { args: object({ number }), run: (a) => pbx.control.remoteHangup({ number: a.number }) },
    colleagueAnswer: { args: object({ device }), run: (a) => pbx.control.colleagueAnswer(a.device) },
    colleagueAutoAnswer: { args: object({ on: bool }), run: (a) => pbx.control.setColleagueAutoAnswer(a.on) },
    pbxLink: { args: object({ up: bool }), run: (a) => pbx.telserver.faults.setPbxLink(a.up) },
    closeSessionByAdmin: { args: object({ device: optional(device) }), run: (a) => pbx.telserver.faults.closeSessionByAdmin(a.device ?? DEMO_RECEPTION_DEVICE) },
    /** on: TelServer vanishes (sessions lost, connections refused); off: it is back. */
    outage: {
      args: object({ on: bool }),
      run: async (a) => {
        if (a.on) {
          pbx.telserver.faults.dropAllSessions();
          await pbx.telserver.faults.refuseConnections(true);
        } else {
          await pbx.telserver.faults.refuseConnections(false);
        }
      },
    },
    malformedDatagram: { args: object({ device: optional(device) }), run: (a) => pbx.telserver.faults.sendMalformedDatagram(a.device ?? DEMO_RECEPTION_DEVICE) },
    oversizedDatagrams: {
      args: object({ device: optional(device), totalBytes: optional(int({ min: 1, max: 8 * 1024 * 1024 })) }),
      run: (a) => pbx.telserver.faults.sendOversizedDatagrams(a.device ?? DEMO_RECEPTION_DEVICE, a.totalBytes),
    },
    calls: { args: object({ device: optional(device) }), run: (a) => pbx.switch.deviceView(a.device ?? DEMO_RECEPTION_DEVICE) },
  };
  return async (action, args) => {
    const entry = Object.prototype.hasOwnProperty.call(actions, action) ? actions[action] : undefined;
    if (!entry) throw new ValidationError('action', `one of ${Object.keys(actions).join(', ')}`);
    const result = await entry.run(entry.args(args ?? {}, 'args'));
    return result ?? { ok: true };
  };
}


/**
 * From "demo" or a config file to a running core. Shared by `serve` (browser
 * mode) and the Electron shell, so both run exactly the same thing.
 */
import type { Vendor } from '../../app/model';
import { bool, object, optional, str, ValidationError } from '../../app/validate';
import { startDemoPbx, type DemoPbx } from '../sim';
import { loadConfig, type ConnectionConfig, type ConsoleConfig } from './config';
import type { Logger } from './connector';
import { connectorFactories } from './connectors';
import { ConsoleService } from './console-service';
import { DEMO_RECEPTION_DEVICE, DEMO_VENDORS, demoDevice, type SimAction } from './demo-vendors';
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
  /** Run on the demo PBX through this vendor's protocol (default telserver). */
  demo?: Vendor;
  /** live: callers arrive by themselves; manual: only what a test asks for. */
  demoMode?: 'live' | 'manual';
  configPath?: string;
  log?: Logger;
}

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

  const vendor = options.demo ?? 'telserver';
  const demoVendor = DEMO_VENDORS[vendor];
  if (!demoVendor) throw new Error(`There is no ${vendor} demo yet; choose one of: ${Object.keys(DEMO_VENDORS).join(', ')}.`);
  const mode = options.demoMode ?? 'live';
  const pbx = await startDemoPbx({ vendors: [vendor], mode, log });
  const config: ConsoleConfig = { defaultCountry: 'EE', connections: [demoVendor.connection(pbx)] };
  const service = new ConsoleService({ connectors: connectorFactories(config), log });
  service.start();
  return {
    service,
    simControl: demoControl(pbx, demoVendor.faults(pbx)),
    description: `demo PBX (${config.connections[0].label} on ${describeEndpoint(config.connections[0])}, ${mode} mode)`,
    stop: async () => {
      await service.stop();
      await pbx.stop();
    },
  };
}

const number = str({ min: 1, max: 32, pattern: /^\+?[0-9*#]+$/ });

/** The demo's vendor-neutral people (callers, colleagues) plus the vendor's fault switches. */
function demoControl(pbx: DemoPbx, faults: Record<string, SimAction>): SimControl {
  const actions: Record<string, SimAction> = {
    incomingCall: {
      args: object({ from: number, to: optional(demoDevice), name: optional(str({ min: 1, max: 64 })) }),
      run: (a) => {
        // The front ends send their events synchronously inside incomingCall: this is the wire time.
        const sentAt = Date.now();
        const result = pbx.control.incomingCall({ from: a.from, to: a.to ?? DEMO_RECEPTION_DEVICE, name: a.name });
        return { sentAt, outcome: result.outcome };
      },
    },
    remoteHangup: { args: object({ number }), run: (a) => pbx.control.remoteHangup({ number: a.number }) },
    colleagueAnswer: { args: object({ device: demoDevice }), run: (a) => pbx.control.colleagueAnswer(a.device) },
    colleagueAutoAnswer: { args: object({ on: bool }), run: (a) => pbx.control.setColleagueAutoAnswer(a.on) },
    calls: { args: object({ device: optional(demoDevice) }), run: (a) => pbx.switch.deviceView(a.device ?? DEMO_RECEPTION_DEVICE) },
    ...faults,
  };
  return async (action, args) => {
    const entry = Object.prototype.hasOwnProperty.call(actions, action) ? actions[action] : undefined;
    if (!entry) throw new ValidationError('action', `one of ${Object.keys(actions).join(', ')}`);
    const result = await entry.run(entry.args(args ?? {}, 'args'));
    return result ?? { ok: true };
  };
}

function describeEndpoint(connection: ConnectionConfig): string {
  if ('url' in connection) return connection.url;
  if (connection.vendor === 'telia') return connection.servicesUrl ?? 'Telia';
  return `${connection.host}:${connection.port}`;
}

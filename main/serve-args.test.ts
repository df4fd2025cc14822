import { describe, expect, it } from 'vitest';
import { parseServeArgs } from './serve-args';

describe('parseServeArgs', () => {
  it('runs the live TelServer demo on any free port by default', () => {
    expect(parseServeArgs([])).toEqual({ kind: 'run', args: { demo: 'telserver', demoMode: 'live', port: 0, simControl: false } });
  });

  it('reads every demo flag, in both spellings', () => {
    expect(parseServeArgs(['--demo', '--demo-mode', 'manual', '--sim-control', '--port', '0'])).toEqual({
      kind: 'run',
      args: { demo: 'telserver', demoMode: 'manual', port: 0, simControl: true },
    });
    expect(parseServeArgs(['--demo=telserver', '--demo-mode=live', '--port=5780'])).toEqual({
      kind: 'run',
      args: { demo: 'telserver', demoMode: 'live', port: 5780, simControl: false },
    });
    expect(parseServeArgs(['--demo', 'telserver', '--port', '8080'])).toMatchObject({
      kind: 'run',
      args: { demo: 'telserver', port: 8080 },
    });
  });

  it('uses a config file instead of the demo', () => {
    expect(parseServeArgs(['--config', 'site.json'])).toEqual({
      kind: 'run',
      args: { configPath: 'site.json', port: 0, simControl: false },
    });
  });

  it('asks for help', () => {
    expect(parseServeArgs(['--port', '1', '--help'])).toEqual({ kind: 'help' });
  });

  it.each([
    [['--demo', 'asterisk'], /Unknown demo "asterisk"/],
    [['--demo-mode', 'fast'], /live or manual/],
    [['--demo-mode'], /live or manual/],
    [['--config'], /path of a configuration file/],
    [['--port', 'http'], /0 to 65535/],
    [['--port', '70000'], /0 to 65535/],
    [['--port', '-1'], /0 to 65535/],
    [['--verbose'], /Unknown option "--verbose"/],
    [['--demo', '--config', 'a.json'], /either --demo or --config/],
    [['--config', 'a.json', '--sim-control'], /demo PBX only/],
    [['--config', 'a.json', '--demo-mode', 'manual'], /demo PBX only/],
  ])('refuses %j', (argv, message) => {
    const parsed = parseServeArgs(argv);
    expect(parsed.kind).toBe('error');
    expect(parsed.kind === 'error' && parsed.message).toMatch(message);
  });
});

describe('serve --open-link', () => {
  it('collects the links to dial, in order', () => {
    expect(parseServeArgs(['--open-link', 'tel:1100', '--open-link=callto:+3726401234'])).toEqual({
      kind: 'run',
      args: { demo: 'telserver', demoMode: 'live', port: 0, simControl: false, openLinks: ['tel:1100', 'callto:+3726401234'] },
    });
  });

  it('needs a value', () => {
    expect(parseServeArgs(['--open-link'])).toEqual({ kind: 'error', message: '--open-link takes a tel: or callto: link.' });
  });

  it('takes a settings folder, in demo mode and with a configuration file', () => {
    expect(parseServeArgs(['--settings-dir', '/tmp/s'])).toEqual({
      kind: 'run',
      args: { demo: 'telserver', demoMode: 'live', port: 0, simControl: false, settingsDir: '/tmp/s' },
    });
    expect(parseServeArgs(['--config', 'site.json', '--settings-dir=/tmp/s'])).toEqual({
      kind: 'run',
      args: { configPath: 'site.json', port: 0, simControl: false, settingsDir: '/tmp/s' },
    });
    expect(parseServeArgs(['--settings-dir'])).toEqual({ kind: 'error', message: '--settings-dir takes the path of a folder.' });
  });
});

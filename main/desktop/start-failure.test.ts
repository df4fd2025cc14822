import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../app/config';
import { msg } from '../../app/i18n/message';
import { createTranslator } from '../../app/i18n/translator';
import { ConsoleError } from '../core/errors';
import { startFailure } from './start-failure';

const en = createTranslator('en');

describe('why the app cannot start', () => {
  it("lists a configuration file's problems, each with its file and setting", () => {
    const error = new ConfigError('/etc/attendant/config.json', [
      { path: 'connections[0].port', message: msg('validation.port') },
      { path: '', message: msg('config.notAFile') },
    ]);
    expect(startFailure(error, en)).toEqual({
      title: 'Attendant Console cannot start',
      text: '/etc/attendant/config.json: connections[0].port: A port from 1 to 65535.\n/etc/attendant/config.json: The configuration is not a regular file.',
    });
  });

  it('says any other failure as its one message', () => {
    expect(startFailure(new ConsoleError(msg('credentials.unavailable', { reason: 'no D-Bus' })), en).text).toMatch(
      /^Passwords cannot be saved on this computer \(no D-Bus\)/,
    );
    expect(startFailure(new Error('EACCES'), en).text).toBe('Something went wrong: EACCES');
  });

  it("titles the box in the receptionist's language, the app's name included (app.title)", () => {
    expect(startFailure(new Error('x'), createTranslator('ru')).title).toBe('Не удаётся запустить Пульт секретаря');
    expect(startFailure(new Error('x'), createTranslator('et')).title).toBe('Vastuvõtukonsool ei saa käivituda');
    expect(startFailure(new Error('x'), createTranslator('de')).title).toBe('Vermittlungsplatz kann nicht gestartet werden');
  });
});

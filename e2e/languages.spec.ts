/**
 * The console in German, Estonian and Russian: on the main view with a
 * ringing call, during a consultation, in the settings and with the
 * connection offline, no text of the English catalog is left on screen
 * (in visible text or in accessible names, titles and placeholders), and
 * `<html lang>` is the language. A text that reads the same in both
 * languages ("Online") is not English left behind: only keys whose
 * translation differs are looked for. The allowlist beside is for names.
 */
import { en } from '../app/i18n/en';
import type { Language } from '../app/i18n/languages';
import { msg, type MessageKey } from '../app/i18n/message';
import { CATALOGS, createTranslator } from '../app/i18n/translator';
import { expect, test } from './harness';
import type { Page } from '@playwright/test';

/** Product and vendor names, and the demo office's own names: the same in every language. */
const ALLOWED = ['Attendant Console', 'TelServer', 'innovaphone', 'PortaSIP', 'Telia', 'CRM', 'SOAP', 'Nordvalgus AS'];
/** Data that is not language: file paths and addresses (the settings view shows where connections are saved). */
const DATA = /(?:[a-z]+:\/\/)?(?:\/[\w.-]+)+/g;

/** The English fragments (text between placeholders) of every key whose translation in `language` is different. */
function englishFragments(language: Language): RegExp[] {
  const translated = CATALOGS[language];
  const fragments = new Set<string>();
  for (const [key, english] of Object.entries(en)) {
    const other = translated[key] ?? translated[`${key}_other`];
    if (other === undefined || other === english) continue;
    for (const part of english.split(/\{\{[^}]+\}\}/)) {
      const text = part.replace(/^[\s.,:;·()—–-]+|[\s.,:;·()—–-]+$/g, '');
      // Words of at least two letters, not a name on the allowlist.
      if (text.length >= 3 && /[A-Za-z]{2}/.test(text) && !ALLOWED.some((name) => text === name)) fragments.add(text);
    }
  }
  return [...fragments].map((text) => new RegExp(`(^|[^\\p{L}])${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u'));
}

/** Everything on screen a person reads or hears: visible text, and accessible names, titles, placeholders. */
async function screenTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out = [document.body.innerText, document.title];
    for (const element of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
      for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
        const value = element.getAttribute(name);
        if (value) out.push(value);
      }
    }
    return out;
  });
}

async function expectNoEnglish(page: Page, language: Language, where: string): Promise<void> {
  const fragments = englishFragments(language);
  const texts = (await screenTexts(page)).map((text) => text.replace(DATA, ' '));
  const found = fragments.flatMap((pattern) =>
    texts.filter((text) => pattern.test(text)).map((text) => `${pattern.source} in "${text.slice(0, 80)}"`),
  );
  expect(found, `English on the ${where}`).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
}

const MACHINES: Record<Exclude<Language, 'en'>, { locale: string; lang: string }> = {
  de: { locale: 'de-DE', lang: 'de_DE.UTF-8' },
  et: { locale: 'et-EE', lang: 'et_EE.UTF-8' },
  ru: { locale: 'ru-RU', lang: 'ru_RU.UTF-8' },
};

for (const [language, machine] of Object.entries(MACHINES) as [Exclude<Language, 'en'>, { locale: string; lang: string }][]) {
  test.describe(`in ${machine.locale}`, () => {
    test.use({ locale: machine.locale, serveEnv: { LANG: machine.lang, LANGUAGE: '', LC_ALL: '' } });
    const t = createTranslator(language);
    const word = (key: MessageKey) => t(msg(key));

    test('main view, a ringing call, a consultation, settings, offline: no English left', async ({ page, consoleUrl, sim }) => {
      await page.goto(consoleUrl);
      await expect(page.getByRole('list', { name: word('connection.list') }).getByText(word('link.online'))).toBeVisible();
      await expectNoEnglish(page, language, 'main view');

      await sim('incomingCall', { from: '+3725123456', name: 'Kalev Kask' });
      const caller = page
        .getByRole('region', { name: word('call.list.heading') })
        .getByRole('listitem')
        .filter({ hasText: 'Kalev Kask' });
      await expect(caller.getByRole('button', { name: word('action.answer'), exact: true })).toBeVisible();
      await expectNoEnglish(page, language, 'ringing call');

      await caller.getByRole('button', { name: word('action.answer'), exact: true }).click();
      await caller.getByRole('button', { name: word('action.consult'), exact: true }).click();
      const finder = page.getByRole('textbox', { name: word('work.finder.field') });
      await finder.fill('1103');
      await page.getByRole('list', { name: word('directory.results') }).waitFor();
      await finder.press('Enter');
      await expect(page.getByText(word('call.role.consultation')).first()).toBeVisible();
      await expectNoEnglish(page, language, 'consultation');

      await page.getByRole('button', { name: word('settings.open'), exact: true }).click();
      await expect(page.getByRole('heading', { name: word('settings.connections.heading') })).toBeVisible();
      await expectNoEnglish(page, language, 'settings view');
      await page.getByRole('button', { name: word('common.close'), exact: true }).click();

      await sim('outage', { on: true });
      await expect(page.getByRole('list', { name: word('connection.list') }).getByText(word('link.offline'), { exact: false })).toBeVisible(
        {
          timeout: 15_000,
        },
      );
      await expectNoEnglish(page, language, 'offline connection');
    });
  });
}

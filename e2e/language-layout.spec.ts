/**
 * The screen in the longer languages (German, Estonian, Russian) at 1280×800 and 1024×768: the ringing banner never
 * cuts off how many more are ringing, the journal's Today table fits its panel, the connection bar offline keeps clear
 * of Settings, and the colleagues grid's action button and state word stay whole. Each was cut or spilled before.
 */
import type { Page } from '@playwright/test';
import { createTranslator } from '../app/i18n/translator';
import { msg, type MessageKey, type MessageParams } from '../app/i18n/message';
import type { Language } from '../app/i18n/languages';
import { expect, test } from './harness';
import { DEMO_CALLERS } from './page-helpers';

const MACHINES = {
  de: { locale: 'de-DE', lang: 'de_DE.UTF-8' },
  et: { locale: 'et-EE', lang: 'et_EE.UTF-8' },
  ru: { locale: 'ru-RU', lang: 'ru_RU.UTF-8' },
} as const;
type Lang = keyof typeof MACHINES;
const LANGS = Object.keys(MACHINES) as Lang[];
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
] as const;

const words = (language: Language) => {
  const t = createTranslator(language);
  return (key: MessageKey, params?: MessageParams) => t(msg(key, params));
};
const settle = (page: Page) =>
  page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
const inLanguage = (lang: Lang) => ({ locale: MACHINES[lang].locale, serveEnv: { LANG: MACHINES[lang].lang, LANGUAGE: '', LC_ALL: '' } });

test.describe('the ringing banner with a long line label (Telia demo)', () => {
  test.use({ serveArgs: ['--demo', 'telia'] });
  test('keeps how many more are ringing in view; the text before it gives way', async ({ page, consoleUrl, sim }) => {
    await page.goto(consoleUrl);
    await sim('incomingCall', { from: '+3726654321' });
    await sim('incomingCall', { from: '+3725123456' });
    const more = page.locator('.ringing-banner--active .ringing-banner__more');
    await expect(more).toHaveText('(1 more ringing)');
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await settle(page);
      const edges = await more.evaluate((span) => ({
        more: span.getBoundingClientRect().right,
        banner: (span.parentElement as HTMLElement).getBoundingClientRect().right,
      }));
      expect.soft(edges.more, `${size.width}px`).toBeLessThanOrEqual(edges.banner + 1);
    }
  });
});

for (const lang of LANGS) {
  test.describe(lang, () => {
    test.use(inLanguage(lang));

    test('the ringing banner says it all for an ordinary caller at 1024', async ({ page, consoleUrl, sim }) => {
      await page.setViewportSize(SIZES[1]);
      await page.goto(consoleUrl);
      await sim('incomingCall', { from: '+3726654321' });
      await sim('incomingCall', { from: '+3725123456' });
      const text = page.locator('.ringing-banner--active .ringing-banner__text');
      await expect(page.locator('.ringing-banner--active .ringing-banner__more')).toBeVisible();
      await settle(page);
      const fit = await text.evaluate((span) => ({ needs: span.scrollWidth, has: span.clientWidth, text: span.textContent }));
      expect(fit.needs, `"${fit.text}"`).toBeLessThanOrEqual(fit.has + 1);
    });

    test("the journal's Today table fits its panel at 1280", async ({ page, consoleUrl }) => {
      await page.setViewportSize(SIZES[0]);
      await page.goto(consoleUrl);
      const table = page.getByRole('table', { name: words(lang)('journal.today.heading') });
      await expect(table).toBeVisible();
      await settle(page);
      const spill = await table.evaluate((t) => {
        const box = t.parentElement as HTMLElement;
        const panel = t.closest('.panel') as HTMLElement;
        const style = getComputedStyle(panel);
        const inner = panel.getBoundingClientRect().right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
        return { hidden: box.scrollWidth - box.clientWidth, past: t.getBoundingClientRect().right - inner };
      });
      expect(spill.hidden).toBeLessThanOrEqual(1);
      expect(spill.past).toBeLessThanOrEqual(0.5);
    });

    test('the connection bar offline keeps clear of Settings', async ({ page, consoleUrl, sim }) => {
      const w = words(lang);
      await page.goto(consoleUrl);
      await expect(page.getByRole('list', { name: w('connection.list') }).getByText(w('link.online'))).toBeVisible();
      await sim('outage', { on: true });
      await expect(page.getByRole('button', { name: w('connection.reconnectNow'), exact: true })).toBeVisible({ timeout: 20_000 });
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await settle(page);
        const edges = await page.evaluate(() => {
          const parts = [...document.querySelectorAll('.connection > *')].map((e) => e.getBoundingClientRect());
          const settings = document.querySelector('.settings-button')?.getBoundingClientRect();
          return {
            right: Math.max(...parts.filter((b) => settings && b.top < settings.bottom).map((b) => b.right)),
            settings: settings?.left ?? 0,
          };
        });
        expect.soft(edges.right, `${size.width}px`).toBeLessThanOrEqual(edges.settings);
      }
    });
  });
}

/** The grid's rows in view: an action button past the grid's edge, or a state word cut to an ellipsis. */
function gridProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found = new Set<string>();
    const viewport = document.querySelector('.presence__viewport') as HTMLElement;
    const box = viewport.getBoundingClientRect();
    const right = box.left + viewport.clientLeft + viewport.clientWidth;
    for (const row of document.querySelectorAll('.colleague')) {
      const rowBox = row.getBoundingClientRect();
      if (rowBox.bottom < box.top || rowBox.top > box.bottom) continue;
      for (const button of row.querySelectorAll('.colleague__actions button'))
        if (button.getBoundingClientRect().right > right + 1) found.add(`button "${button.textContent}" past the grid`);
      const state = row.querySelector<HTMLElement>('.colleague__activity');
      if (state && state.scrollWidth > state.clientWidth + 1) found.add(`state "${state.textContent}" cut`);
    }
    return [...found];
  });
}

// English too: its state words ("Unregistered") share the column.
for (const lang of [...LANGS, 'en' as const]) {
  test.describe(`${lang}, innovaphone's colleagues`, () => {
    test.use({ ...(lang === 'en' ? {} : inLanguage(lang)), serveArgs: ['--demo', 'innovaphone'] });
    test('each row keeps its action button inside the grid and its state word whole', async ({ page, consoleUrl, sim }) => {
      const w = words(lang);
      await page.setViewportSize(SIZES[0]);
      await page.goto(consoleUrl);
      await expect(page.locator('.colleague').first()).toBeVisible();
      const calls = page.getByRole('region', { name: w('call.list.heading') });
      await sim('incomingCall', { from: DEMO_CALLERS[1] });
      await calls
        .getByRole('button', { name: w('action.answer'), exact: true })
        .first()
        .click();
      await sim('incomingCall', { from: DEMO_CALLERS[2] });
      const waiting = calls.getByRole('list', { name: w('work.calls.waiting') }).locator('[data-call-id]');
      const active = calls.getByRole('list', { name: w('work.calls.active') }).locator('[data-call-id]');
      await expect(waiting).toHaveCount(1);
      for (const [row, label] of [
        [active.first(), w('presence.transferHere')],
        [waiting.first(), w('presence.divertHere')],
      ] as const) {
        await row.locator('.call__name').click();
        await expect(page.locator('.colleague__actions button').first()).toHaveText(label);
        for (const size of SIZES) {
          await page.setViewportSize(size);
          await settle(page);
          expect.soft(await gridProblems(page), `${size.width}px, ${label}`).toEqual([]);
        }
      }
    });
  });
}

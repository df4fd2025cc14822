/**
 * Light and dark: the page follows the OS colour scheme (prefers-color-scheme,
 * emulated by Playwright) while the theme preference is "System", and the
 * choice in Settings → Preferences → Theme wins over the OS, is saved, and
 * survives a reload. What is measured is what the receptionist sees: the
 * page background and text colours.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { button, connection } from './page-helpers';

test.use({ locale: 'en-US' });

type Theme = 'light' | 'dark';

/** WCAG relative luminance of a computed `rgb(r, g, b)` colour. */
function luminance(rgb: string): number {
  const channels = /^rgba?\((\d+), (\d+), (\d+)/.exec(rgb);
  if (!channels) throw new Error(`not an rgb() colour: ${rgb}`);
  const [r, g, b] = channels.slice(1).map((c) => {
    const v = Number(c) / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The colours on screen: the page, a panel, the text, and the `--bg` token of the theme in force. */
async function colours(page: Page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const panel = document.querySelector('.panel');
    const probe = document.createElement('div');
    probe.style.backgroundColor = getComputedStyle(root).getPropertyValue('--bg');
    document.body.append(probe);
    const bgToken = getComputedStyle(probe).backgroundColor;
    probe.remove();
    return {
      theme: root.dataset.theme,
      colorScheme: getComputedStyle(root).colorScheme,
      page: getComputedStyle(root).backgroundColor,
      panel: panel ? getComputedStyle(panel).backgroundColor : '',
      text: getComputedStyle(document.body).color,
      bgToken,
    };
  });
}

/** The page shows `theme`: its background is that theme's --bg, dark on light text or light on dark text. */
async function expectTheme(page: Page, theme: Theme): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
  const seen = await colours(page);
  expect(seen.theme).toBe(theme);
  expect(seen.colorScheme).toBe(theme);
  expect(seen.page).toBe(seen.bgToken);
  if (theme === 'dark') {
    expect(luminance(seen.page)).toBeLessThan(0.03);
    expect(luminance(seen.panel)).toBeLessThan(0.03);
    // Not pure black: a calm dark, easier on the eyes all day.
    expect(seen.page).not.toBe('rgb(0, 0, 0)');
    expect(luminance(seen.text)).toBeGreaterThan(0.6);
  } else {
    expect(luminance(seen.page)).toBeGreaterThan(0.85);
    expect(luminance(seen.panel)).toBeGreaterThan(0.85);
    expect(luminance(seen.text)).toBeLessThan(0.03);
  }
}

async function openOnline(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(connection(page)).toContainText('Online');
}

/** Settings → Preferences → Theme, saved; back to the console. */
async function chooseTheme(page: Page, label: 'System' | 'Light' | 'Dark'): Promise<void> {
  await button(page, 'Settings').click();
  const preferences = page.getByRole('form', { name: 'Preferences' });
  await preferences.getByLabel('Theme').selectOption({ label });
  await button(preferences, 'Save preferences').click();
  await expect(preferences.getByRole('status')).toHaveText('Preferences saved.');
  await button(page, 'Close').click();
}

test.describe('the OS asks for dark', () => {
  test.use({ colorScheme: 'dark' });

  test('the console is dark', async ({ page, consoleUrl }) => {
    await openOnline(page, consoleUrl);
    await expectTheme(page, 'dark');
  });

  test('Light in Settings wins over the OS, and stays after a reload; System follows the OS again', async ({ page, consoleUrl }) => {
    await openOnline(page, consoleUrl);
    await chooseTheme(page, 'Light');
    await expectTheme(page, 'light');
    await page.reload();
    await expect(connection(page)).toContainText('Online');
    await expectTheme(page, 'light');
    await chooseTheme(page, 'System');
    await expectTheme(page, 'dark');
  });
});

test.describe('the OS asks for light', () => {
  test.use({ colorScheme: 'light' });

  test('the console is light', async ({ page, consoleUrl }) => {
    await openOnline(page, consoleUrl);
    await expectTheme(page, 'light');
  });

  test('Dark in Settings wins over the OS, also when the OS changes its scheme', async ({ page, consoleUrl }) => {
    await openOnline(page, consoleUrl);
    await chooseTheme(page, 'Dark');
    await expectTheme(page, 'dark');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.emulateMedia({ colorScheme: 'light' });
    await expectTheme(page, 'dark');
  });
});

test('with System, the console follows the OS while it runs (dusk and dawn)', async ({ page, consoleUrl }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openOnline(page, consoleUrl);
  await expectTheme(page, 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectTheme(page, 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expectTheme(page, 'light');
});

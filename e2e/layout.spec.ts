/**
 * Layout for a working day (issue #14): at the window sizes a reception desk
 * has, with calls ringing and in progress on each vendor's demo, what the
 * receptionist needs is on screen without scrolling, no row spills out of
 * its box, nothing overflows sideways, and a busy hour fits in view.
 *
 *   npm run build:renderer && npx playwright test e2e/layout.spec.ts
 *
 * LAYOUT_PICTURE=/tmp/busy.png also saves what the busy-hour test saw.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './harness';
import { activeCalls, button, calls, connection, DEMO_CALLERS, finder, ringAndAnswer, waitingCalls } from './page-helpers';

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
  { width: 2560, height: 1440 },
] as const;

/** One pixel of rounding between layout boxes and scroll sizes. */
const TOLERANCE = 1;

const VENDORS = [
  { vendor: 'telserver', ready: async () => {}, answerOnPhone: false },
  {
    vendor: 'innovaphone',
    ready: (page: Page) => expect(page.getByText(/\d+ colleagues/)).toBeVisible(),
    answerOnPhone: false,
  },
  {
    vendor: 'portasip',
    ready: (page: Page) => expect(page.getByRole('list', { name: 'Centrex' })).toBeVisible(),
    answerOnPhone: false,
  },
  // Telia's lines only notify: no Answer button, the desk phone answers.
  { vendor: 'telia', ready: async () => {}, answerOnPhone: true },
] as const;

/** Why an element is not fully seen without scrolling: outside the window, clipped by a scrolling box, or covered. Empty when it is. */
function unseen(element: Locator): Promise<string> {
  return element.evaluate((el, tolerance) => {
    const box = el.getBoundingClientRect();
    const describe = (node: Element) =>
      `${node.tagName.toLowerCase()}${node.className ? `.${String(node.className).split(' ').join('.')}` : ''}`;
    const outside = (clip: { left: number; top: number; right: number; bottom: number }) =>
      box.left < clip.left - tolerance ||
      box.top < clip.top - tolerance ||
      box.right > clip.right + tolerance ||
      box.bottom > clip.bottom + tolerance;
    if (box.width === 0 || box.height === 0) return 'it has no size';
    if (outside({ left: 0, top: 0, right: innerWidth, bottom: innerHeight }))
      return `outside the window: ${JSON.stringify(box)} in ${innerWidth}×${innerHeight}`;
    for (let node = el.parentElement; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      const clipBox = node.getBoundingClientRect();
      const clip = {
        left: clipBox.left + node.clientLeft,
        top: clipBox.top + node.clientTop,
        right: clipBox.left + node.clientLeft + node.clientWidth,
        bottom: clipBox.top + node.clientTop + node.clientHeight,
      };
      if (outside(clip)) return `clipped by ${describe(node)}: ${JSON.stringify(box)} in ${JSON.stringify(clip)}`;
    }
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    if (!hit || !(el.contains(hit) || hit.contains(el))) return `covered by ${hit ? describe(hit) : 'nothing'}`;
    return '';
  }, TOLERANCE);
}

/** Rows whose content is wider or taller than their box, or whose (visible) descendants stick out of it. */
function spillingRows(page: Page, selector: string): Promise<string[]> {
  return page.evaluate(
    ({ selector, tolerance }) => {
      const describe = (node: Element) =>
        `${node.tagName.toLowerCase()}${node.className ? `.${String(node.className).split(' ').join('.')}` : ''}`;
      const problems: string[] = [];
      for (const row of document.querySelectorAll<HTMLElement>(selector)) {
        const name = `${describe(row)}[${row.getAttribute('aria-label') ?? row.textContent?.slice(0, 40)}]`;
        if (row.scrollWidth > row.clientWidth + tolerance)
          problems.push(`${name}: content ${row.scrollWidth} px wide in ${row.clientWidth}`);
        if (row.scrollHeight > row.clientHeight + tolerance)
          problems.push(`${name}: content ${row.scrollHeight} px tall in ${row.clientHeight}`);
        const rowBox = row.getBoundingClientRect();
        for (const child of row.querySelectorAll('*')) {
          let box = child.getBoundingClientRect();
          if (box.width === 0 && box.height === 0) continue;
          // What a clipping box inside the row hides (an ellipsis) is not sticking out.
          for (let node = child.parentElement; node && node !== row; node = node.parentElement) {
            const style = getComputedStyle(node);
            if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
            const clip = node.getBoundingClientRect();
            box = new DOMRect(
              Math.max(box.left, clip.left),
              Math.max(box.top, clip.top),
              Math.max(0, Math.min(box.right, clip.right) - Math.max(box.left, clip.left)),
              Math.max(0, Math.min(box.bottom, clip.bottom) - Math.max(box.top, clip.top)),
            );
          }
          if (box.width === 0 || box.height === 0) continue;
          if (
            box.left < rowBox.left - tolerance ||
            box.top < rowBox.top - tolerance ||
            box.right > rowBox.right + tolerance ||
            box.bottom > rowBox.bottom + tolerance
          )
            problems.push(
              `${name}: ${describe(child)} "${child.textContent?.slice(0, 30)}" sticks out (${Math.round(box.left)},${Math.round(box.top)})–(${Math.round(box.right)},${Math.round(box.bottom)}) of (${Math.round(rowBox.left)},${Math.round(rowBox.top)})–(${Math.round(rowBox.right)},${Math.round(rowBox.bottom)})`,
            );
        }
      }
      return problems;
    },
    { selector, tolerance: TOLERANCE },
  );
}

/** How far the page itself overflows its window: sideways and downwards (the window never scrolls as a whole). */
function pageOverflow(page: Page): Promise<{ x: number; y: number }> {
  return page.evaluate(() => ({
    x: document.documentElement.scrollWidth - innerWidth,
    y: document.documentElement.scrollHeight - innerHeight,
  }));
}

/** Two frames, so the virtual lists have measured their rows after a resize. */
function settle(page: Page): Promise<void> {
  return page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

const rowsOf = (list: Locator) => list.locator('[data-call-id]');

for (const { vendor, ready, answerOnPhone } of VENDORS) {
  test.describe(`${vendor} demo`, () => {
    test.use({ serveArgs: ['--demo', vendor] });

    test('3 ringing and 2 in progress: all that matters in view, nothing spills, at every window size', async ({
      page,
      consoleUrl,
      sim,
    }) => {
      test.setTimeout(90_000);
      await page.setViewportSize(SIZES[1]);
      await page.goto(consoleUrl);
      await expect(connection(page)).toContainText('Online');
      await ready(page);
      await ringAndAnswer(page, sim, { ringing: 2, inProgress: 2, answerOnPhone });
      // The third caller sends a long name of their own (a CLIP name the directory does not know).
      await sim('incomingCall', { from: '+3725011122', name: 'Aleksandra Konstantinovna Rimskaja-Korsakova-Vasiljevskaja' });
      await expect(rowsOf(waitingCalls(page))).toHaveCount(3);
      const active = rowsOf(activeCalls(page)).filter({ hasText: 'Connected' }).first();
      const oldestRinging = rowsOf(waitingCalls(page)).first();

      // First the call being worked on is selected (its details open, the colleagues offer to take it), then the oldest ringing one.
      for (const [selection, selected] of [
        ['the connected call selected', active],
        ['the oldest ringing call selected', oldestRinging],
      ] as const) {
        // By its name: the middle of the row may be one of its buttons.
        await selected.locator('.call__name').click();
        await expect(selected).toHaveAttribute('aria-current', 'true');
        // With a ringing call selected, every colleague row offers to take it: the widest a grid row gets.
        if (vendor === 'innovaphone' && selected === oldestRinging) {
          await expect(page.locator('.colleague').first().getByRole('button', { name: 'Divert here' })).toBeVisible();
        }
        for (const size of SIZES) {
          const where = `${size.width}×${size.height}, ${selection}`;
          await test.step(where, async () => {
            await page.setViewportSize(size);
            await settle(page);
            const named: [string, Locator][] = [
              ['the connection bar', page.getByRole('banner')],
              ['the oldest ringing call', oldestRinging],
              ['the active call', active],
              ['the finder field', finder(page)],
              ['the journal heading', page.getByRole('heading', { name: 'Journal', exact: true })],
            ];
            if (!answerOnPhone) named.push(['the ringing call’s Answer button', button(oldestRinging, 'Answer')]);
            const actions = await active.getByRole('button').all();
            if (!answerOnPhone) expect(actions.length, 'the active call’s buttons').toBeGreaterThan(1);
            for (const [index, action] of actions.entries()) named.push([`the active call’s button ${index + 1}`, action]);
            for (const [what, element] of named) expect.soft(await unseen(element), `${what} at ${where}`).toBe('');

            const selectors = ['[data-call-id]', '[data-call-id] .call__card', '.colleague', '.centrex__extension'];
            for (const selector of selectors) expect.soft(await spillingRows(page, selector), `${selector} at ${where}`).toEqual([]);
            const overflow = await pageOverflow(page);
            expect.soft(overflow.x, `sideways overflow at ${where}`).toBeLessThanOrEqual(0);
            expect.soft(overflow.y, `the window scrolls at ${where}`).toBeLessThanOrEqual(0);
          });
        }
      }
      // The row checks above looked at real rows.
      if (vendor === 'innovaphone') expect(await page.locator('.colleague').count()).toBeGreaterThan(5);
      if (vendor === 'portasip') expect(await page.locator('.centrex__extension').count()).toBeGreaterThan(0);
    });
  });
}

test.describe('a busy hour', () => {
  /** A second desk on the same demo PBX: two more extensions with two calls each (the demo's reception takes six). */
  async function addSecondDesk(page: Page, demo: { host: string; port: number }): Promise<void> {
    await button(page, 'Settings').click();
    await button(page, 'Add connection').click();
    const form = page.getByRole('form', { name: 'Add a connection' });
    await form.getByLabel('Name', { exact: true }).fill('Second desk');
    await form.getByLabel('Short name (id)').fill('second-desk');
    await form.getByLabel('TelServer host').fill(demo.host);
    await form.getByLabel('TelServer port').fill(String(demo.port));
    await form.getByLabel('Devices (extensions)').fill('1101, 1102');
    await button(form, 'Save connection').click();
    await button(page, 'Close').click();
    await expect(page.getByRole('list', { name: 'PBX connections' }).getByRole('listitem', { name: 'Second desk' })).toContainText(
      'Online',
    );
  }

  test('at 1440×900, 10 calls: at least 8 rows fully in view at once', async ({ page, consoleUrl, sim }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(consoleUrl);
    await expect(connection(page)).toContainText('Online');
    await sim('colleagueAutoAnswer', { on: false });
    await addSecondDesk(page, (await sim('demoConnection')) as { host: string; port: number });
    // Six in progress (each answer holds the one before), then four ringing: every caller a different outside number.
    const callers = (from: number) => DEMO_CALLERS.slice(from);
    await ringAndAnswer(page, sim, { ringing: 0, inProgress: 4 });
    await ringAndAnswer(page, sim, { ringing: 0, inProgress: 1, to: '1101', callers: callers(4) });
    await ringAndAnswer(page, sim, { ringing: 0, inProgress: 1, to: '1102', callers: callers(5) });
    await ringAndAnswer(page, sim, { ringing: 2, inProgress: 0, callers: callers(6) });
    await ringAndAnswer(page, sim, { ringing: 1, inProgress: 0, to: '1101', callers: callers(8) });
    await ringAndAnswer(page, sim, { ringing: 1, inProgress: 0, to: '1102', callers: callers(9) });
    await settle(page);
    await expect(calls(page).locator('[data-call-id]')).toHaveCount(10);

    const seen: string[] = [];
    for (const row of await calls(page).locator('[data-call-id]').all()) {
      if ((await unseen(row)) === '') seen.push((await row.getAttribute('aria-label')) ?? '');
    }
    test.info().annotations.push({ type: 'call rows fully in view', description: `${seen.length} of 10` });
    expect(seen.length, `rows fully in view: ${seen.join(' | ')}`).toBeGreaterThanOrEqual(8);
    if (process.env.LAYOUT_PICTURE) await page.screenshot({ path: process.env.LAYOUT_PICTURE });
    expect(await spillingRows(page, '[data-call-id]')).toEqual([]);
    expect((await pageOverflow(page)).x).toBeLessThanOrEqual(0);
  });
});

/**
 * The console's screen as the e2e specs see it, by accessible role and name
 * (the names the renderer promises: see renderer/README.md).
 */
import type { Locator, Page } from '@playwright/test';

type Scope = Pick<Page, 'getByRole'> | Pick<Locator, 'getByRole'>;

/** The receptionist's own calls: the region with the waiting and the in-progress lists. */
export const calls = (page: Page) => page.getByRole('region', { name: 'Calls' });
/** The finder's field: one box to find a name or number and act on it. */
export const finder = (page: Page) => page.getByRole('textbox', { name: 'Find a name or number' });
/** The first connection in the connection bar (the specs run one connection). */
export const connection = (page: Page) => page.getByRole('list', { name: 'PBX connections' }).getByRole('listitem').first();
/** A button by its exact name ("Transfer" is also part of "Complete transfer"). */
export const button = (scope: Scope, name: string) => scope.getByRole('button', { name, exact: true });

/** Runs a call action that needs a destination: the action's button, then the number in the finder (which asks for it), then Enter. */
export async function withTarget(row: Locator, action: string, number: string): Promise<void> {
  await button(row, action).click();
  const page = row.page();
  await page
    .getByRole('search')
    .getByRole('status')
    .filter({ hasText: `${action} ` })
    .first()
    .waitFor();
  await finder(page).fill(number);
  await page.getByRole('list', { name: 'Directory results' }).waitFor();
  await finder(page).press('Enter');
}

/** The names of the buttons in a scope, as a screen reader says them (without the key shown beside each). */
export function buttonNames(scope: Locator): Promise<string[]> {
  return scope.getByRole('button').evaluateAll((buttons) =>
    buttons.map((element) => {
      const copy = element.cloneNode(true) as HTMLElement;
      for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
      return (copy.textContent ?? '').trim();
    }),
  );
}

/**
 * The console's screen as the e2e specs see it, by accessible role and name
 * (the names the renderer promises: see renderer/README.md).
 */
import type { Locator, Page } from '@playwright/test';

type Scope = Pick<Page, 'getByRole'> | Pick<Locator, 'getByRole'>;

/** The receptionist's own call list. */
export const calls = (page: Page) => page.getByRole('list', { name: 'Calls' });
/** The first connection in the connection bar (the specs run one connection). */
export const connection = (page: Page) => page.getByRole('list', { name: 'PBX connections' }).getByRole('listitem').first();
/** A button by its exact name ("Transfer" is also part of "Complete transfer"). */
export const button = (scope: Scope, name: string) => scope.getByRole('button', { name, exact: true });

/** Runs a call action that needs a destination: the action, the number, then "Confirm <action>". */
export async function withTarget(row: Locator, action: string, number: string): Promise<void> {
  await button(row, action).click();
  await row.getByRole('textbox', { name: 'Destination number' }).fill(number);
  await button(row, `Confirm ${action}`).click();
}

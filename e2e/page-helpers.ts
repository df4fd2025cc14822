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

/** The demo's outside callers: the ones its directory names first, then numbers nobody knows. */
export const DEMO_CALLERS = [
  '+33160127764',
  '+3725123456',
  '+3726654321',
  '+3725559876',
  '+46701234567',
  '+358401234567',
  '+4930123456',
  '+3725011122',
  '+37255512345',
  '+4915112345678',
  '+447700900123',
  '+33612345678',
] as const;

/** The two call lists of the Calls region. */
export const waitingCalls = (page: Page) => calls(page).getByRole('list', { name: 'Ringing and waiting' });
export const activeCalls = (page: Page) => calls(page).getByRole('list', { name: 'In progress' });

/**
 * A busy moment at reception: `inProgress` callers answered one after the
 * other (each answer holds the one before), then `ringing` more left ringing,
 * all to `to` (the demo's reception, 1100, unless said). Answers with the
 * row's Answer button while nothing else rings, or — on a notify-only line,
 * which has none — by the simulated desk phone (`answerOnPhone`).
 */
export async function ringAndAnswer(
  page: Page,
  sim: (action: string, args?: unknown) => Promise<unknown>,
  options: { ringing: number; inProgress: number; answerOnPhone?: boolean; to?: string; callers?: readonly string[] },
): Promise<void> {
  const { ringing, inProgress, answerOnPhone = false, to, callers = DEMO_CALLERS } = options;
  const waiting = waitingCalls(page).locator('[data-call-id]');
  const active = activeCalls(page).locator('[data-call-id]');
  for (const [index, from] of callers.slice(0, ringing + inProgress).entries()) {
    const before = { waiting: await waiting.count(), active: await active.count() };
    await sim('incomingCall', to ? { from, to } : { from });
    await waiting.nth(before.waiting).waitFor();
    if (index >= inProgress) continue;
    if (answerOnPhone) await sim('remoteAnswer', { number: to ?? '1100' });
    else await button(waiting.first(), 'Answer').click();
    await active.nth(before.active).waitFor();
    await waitingCalls(page).waitFor({ state: 'detached' });
  }
}

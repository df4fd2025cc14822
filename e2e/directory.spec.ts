/**
 * The one directory, end to end: contacts imported from a CSV file (preview
 * first, then added) are found by the directory search with their source,
 * and name a caller the PBX gives only a number for.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { button, calls, connection, finder } from './page-helpers';

async function openOnline(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(connection(page)).toContainText('Online');
}

/** A spreadsheet export as Excel writes it in Estonia: semicolons, a BOM, a quoted newline, one row without a number. */
const CSV = [
  '\uFEFFEesnimi;Perekonnanimi;Ettevõte;Telefon;Mobiil;Märkus',
  'Kristiina;Õunapuu;Saare Kalur OÜ;+372 640 9999;5550 1999;"Eelistab e-posti,',
  'helistab pärast 10"',
  'Jaak;Rebane;Pärnu Laevad AS;;;',
].join('\r\n');

test('imported contacts are found by the directory and name an incoming call the PBX gave only a number for', async ({
  page,
  consoleUrl,
  sim,
}) => {
  await openOnline(page, consoleUrl);
  await page.getByText('Contacts', { exact: true }).click();
  await page
    .getByLabel('CSV or vCard file')
    .setInputFiles({ name: 'kontaktid.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });

  // The preview: what is added, what is skipped and why, before anything is saved.
  const preview = page.getByRole('table', { name: 'Preview of kontaktid.csv' });
  await expect(preview).toContainText('Kristiina Õunapuu');
  await expect(preview.getByRole('row').filter({ hasText: 'Jaak Rebane' })).toContainText('Skipped: No phone number.');
  await button(page, 'Add 1 contact').click();
  await expect(page.getByRole('status').filter({ hasText: 'imported' })).toContainText('1 contact imported. 1 row was not imported.');

  // The directory finds it with diacritics folded, and says where it came from.
  await finder(page).fill('kristiina ounap');
  const results = page.getByRole('list', { name: 'Directory results' });
  await expect(results.getByRole('listitem').first()).toContainText('Kristiina Õunapuu');
  await expect(results.getByRole('listitem').first()).toContainText('Contacts');
  await finder(page).press('Escape');

  // A caller the demo PBX does not know: the console names them from the contacts.
  await sim('incomingCall', { from: '+37255501999' });
  const caller = calls(page).getByRole('listitem').filter({ hasText: 'Kristiina Õunapuu' });
  await expect(caller).toContainText('Ringing');
  await expect(caller).toContainText('Saare Kalur OÜ');
});

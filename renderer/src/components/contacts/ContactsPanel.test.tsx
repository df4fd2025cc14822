// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { consoleWith } from '../../../../app/testing/fixtures';
import { renderConsole } from '../../testing/render-console';

afterEach(cleanup);

const panel = () => screen.getByRole('heading', { name: 'Contacts' }).closest('details')!;
const inPanel = () => within(panel());
const listed = () =>
  inPanel()
    .getAllByRole('listitem')
    .map((row) => row.querySelector('.contacts__name')?.textContent);
const field = (label: string) => inPanel().getByLabelText<HTMLInputElement>(label);
const press = (name: string) => fireEvent.click(inPanel().getByRole('button', { name }));

describe('the contacts panel', () => {
  it('adds, edits and deletes a contact by hand: each reply’s one change patches the list, read once when opened', async () => {
    const { api } = renderConsole(consoleWith());
    api.contacts = [{ id: 'kept', firstName: 'Kadri', lastName: 'Kask', numbers: [{ number: '+3725550000' }] }];
    const lists = vi.spyOn(api, 'listContacts');
    fireEvent.click(screen.getByRole('heading', { name: 'Contacts' }));
    await waitFor(() => expect(listed()).toEqual(['Kadri Kask']));

    press('Add contact');
    fireEvent.change(field('First name'), { target: { value: 'Maria' } });
    fireEvent.change(field('Number 1'), { target: { value: '+372 640 1234' } });
    press('Save contact');
    await waitFor(() => expect(listed()).toEqual(['Kadri Kask', 'Maria']));
    // The store patches the list, then the panel sets its notice: two renders, each waited for.
    await waitFor(() => expect(inPanel().getByRole('status').textContent).toBe('Maria saved.'));
    expect(panel().querySelector('summary')?.textContent).toContain('2 contacts');

    press('Edit Maria');
    expect(field('First name').value).toBe('Maria');
    fireEvent.change(field('Last name'), { target: { value: 'Lind' } });
    press('Save contact');
    await waitFor(() => expect(listed()).toEqual(['Kadri Kask', 'Maria Lind']));

    // Refused: the reason shows against the form, which stays open with what was typed; the list is as it was.
    press('Edit Maria Lind');
    fireEvent.change(field('First name'), { target: { value: '' } });
    fireEvent.change(field('Last name'), { target: { value: ' ' } });
    // The field's own keys stay the field's: a typed letter is not taken to the finder.
    field('First name').focus();
    fireEvent.keyDown(field('First name'), { key: 'a', code: 'KeyA' });
    expect(document.activeElement).toBe(field('First name'));
    press('Save contact');
    const form = panel().querySelector('form')!;
    expect((await within(form).findByRole('alert')).textContent).toBe('A contact needs a first name, a last name or a company.');
    expect(field('Number 1').value).toBe('+372 640 1234');
    expect(listed()).toEqual(['Kadri Kask', 'Maria Lind']);
    press('Cancel');

    press('Delete Maria Lind');
    await waitFor(() => expect(listed()).toEqual(['Kadri Kask']));
    await waitFor(() => expect(inPanel().getByRole('status').textContent).toBe('Maria Lind deleted.'));
    expect(panel().querySelector('summary')?.textContent).toContain('1 contact');
    expect(lists).toHaveBeenCalledTimes(1);
  });
});

describe('the contacts import', () => {
  it('marks in the preview the rows the import will skip as duplicates, of the book or of an earlier row, and sends only the others', async () => {
    const { api } = renderConsole(consoleWith());
    api.contacts = [{ id: 'kept', firstName: 'Maria', lastName: 'Lind', numbers: [{ number: '+3726401234' }] }];
    fireEvent.click(screen.getByRole('heading', { name: 'Contacts' }));
    await waitFor(() => expect(listed()).toEqual(['Maria Lind']));

    const csv = 'Name,Phone\nmaria LIND,+372 640 1234\nAnna Saar,+372 5111 1111\nAnna Saar,+3725111 1111\nMart Kask,+372 5222 2222\n';
    fireEvent.change(field('CSV or vCard file'), { target: { files: [new File([csv], 'contacts.csv', { type: 'text/csv' })] } });
    await inPanel().findByRole('table', { name: 'Preview of contacts.csv' });
    const outcomes = () =>
      within(inPanel().getByRole('table'))
        .getAllByRole<HTMLTableRowElement>('row')
        .slice(1)
        .map((row) => [row.cells[1]?.textContent, row.cells[3]?.textContent]);
    expect(outcomes()).toEqual([
      ['maria LIND', 'Skipped: Already in the contacts.'],
      ['Anna Saar', 'Will be added'],
      ['Anna Saar', 'Skipped: Already in the contacts.'],
      ['Mart Kask', 'Will be added'],
    ]);
    expect(inPanel().getByText(/contacts will be added/).textContent).toBe('2 contacts will be added. 2 rows are skipped.');

    press('Add 2 contacts');
    await waitFor(() => expect(inPanel().getByRole('status').textContent).toBe('2 contacts imported. 2 rows were not imported.'));
    expect(api.importedBatches.flatMap((batch) => batch.contacts.map((c) => c.lastName))).toEqual(['Saar', 'Kask']);
    // What was skipped stays shown, with why.
    expect(outcomes()).toEqual([
      ['maria LIND', 'Skipped: Already in the contacts.'],
      ['Anna Saar', 'Skipped: Already in the contacts.'],
    ]);
    expect(listed()).toEqual(['Anna Saar', 'Maria Lind', 'Mart Kask']);
  });
});

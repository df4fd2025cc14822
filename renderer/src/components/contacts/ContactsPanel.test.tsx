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

// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { consoleWith } from '../../../app/testing/fixtures';
import { finderField } from '../testing/queries';
import { renderConsole } from '../testing/render-console';

afterEach(cleanup);

describe('where the focus goes', () => {
  it('a button pressed with the pointer does not keep the focus; pressed from the keyboard it does', async () => {
    renderConsole(consoleWith());
    const dnd = screen.getByRole('button', { name: 'Do not disturb' });
    dnd.focus();
    fireEvent.click(dnd, { detail: 1 });
    await waitFor(() => expect(document.activeElement).toBe(finderField()));

    dnd.focus();
    fireEvent.click(dnd, { detail: 0 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(document.activeElement).toBe(dnd);
  });

  it('never stays on the body', async () => {
    renderConsole(consoleWith());
    const dnd = screen.getByRole('button', { name: 'Do not disturb' });
    dnd.focus();
    dnd.blur();
    await waitFor(() => expect(document.activeElement).toBe(finderField()));
  });
});

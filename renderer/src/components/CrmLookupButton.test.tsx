// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { call, consoleWith } from '../../../app/testing/fixtures';
import { renderConsole } from '../testing/render-console';

const CRM_LOOKUP_LABEL = 'Look up in CRM';

afterEach(cleanup);

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

async function consoleWithCrm(template: string) {
  const view = renderConsole();
  view.api.settings.preferences.crmUrlTemplate = template;
  await act(() => view.store.getState().loadSettings());
  act(() => view.api.pushSnapshot(consoleWith([call(), call({ id: 'withheld', remote: { number: '' } })])));
  return view;
}

describe('CRM lookup button', () => {
  it('appears on a call with a number when a CRM address is set, and asks for that number', async () => {
    const { api, store } = await consoleWithCrm('https://crm.example.com/search?phone={number}');
    const row = screen.getByRole('listitem', { name: /Anna Berg/ });
    fireEvent.click(within(row).getByRole('button', { name: CRM_LOOKUP_LABEL }));
    await settle();
    expect(api.crmLookups).toEqual(['5551234']);
    // Opening the CRM is not a click on the row.
    expect(store.getState().selectedCallId).toBeNull();
    expect(within(screen.getByRole('listitem', { name: /Withheld/ })).queryByRole('button', { name: CRM_LOOKUP_LABEL })).toBeNull();
  });

  it('is absent when no CRM address is set', async () => {
    await consoleWithCrm('');
    expect(screen.queryByRole('button', { name: CRM_LOOKUP_LABEL })).toBeNull();
  });

  it('a refused lookup becomes a notice', async () => {
    const { api } = await consoleWithCrm('https://crm.example.com/search?phone={number}');
    api.answerCrmLookup = () => ({ ok: false, error: { key: 'crm.unsafe' } });
    fireEvent.click(within(screen.getByRole('listitem', { name: /Anna Berg/ })).getByRole('button', { name: CRM_LOOKUP_LABEL }));
    await settle();
    expect(screen.getByText('The CRM link was refused as unsafe.')).toBeTruthy();
  });
});

// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { echoVendor } from '../../../../app/testing/throwaway-vendor';
import { createVendorRegistry, VENDOR_DEFINITIONS, type BaseConnectionConfig } from '../../../../app/vendors';
import { LanguageProvider } from '../../i18n/language';
import { StoreProvider } from '../../store/context';
import { createAttendantStore } from '../../store/store';
import { FakeAttendant } from '../../testing/fake-attendant';
import { ConnectionForm } from './ConnectionForm';

afterEach(cleanup);

function renderForm() {
  const api = new FakeAttendant();
  const store = createAttendantStore(api);
  const vendors = createVendorRegistry<BaseConnectionConfig>([...VENDOR_DEFINITIONS, echoVendor]);
  render(
    <StoreProvider store={store}>
      <LanguageProvider language="en">
        <ConnectionForm canStorePasswords onDone={() => {}} vendors={vendors} />
      </LanguageProvider>
    </StoreProvider>,
  );
  return { api, form: screen.getByRole('form', { name: 'Add a connection' }) };
}

describe('the connection form', () => {
  it('offers a vendor from its definition alone, and checks it with that vendor’s schema', async () => {
    const { api, form } = renderForm();
    fireEvent.change(within(form).getByLabelText('Telephone system'), { target: { value: 'echo' } });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Lab' } });
    fireEvent.change(within(form).getByLabelText('Short name (id)'), { target: { value: 'lab' } });
    fireEvent.change(within(form).getByLabelText('TelServer host'), { target: { value: 'not a host' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save connection' }));
    expect(await within(form).findByText('A host name or IP address, without http:// or spaces.')).toBeTruthy();
    expect(api.saved).toEqual([]);

    fireEvent.change(within(form).getByLabelText('TelServer host'), { target: { value: 'echo.example' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save connection' }));
    await waitFor(() => expect(api.saved).toHaveLength(1));
    expect(api.saved[0]).toEqual({ connection: { vendor: 'echo', id: 'lab', label: 'Lab', host: 'echo.example' } });
  });

  it('marks the field the core refused, by the problem’s path', async () => {
    const { api, form } = renderForm();
    api.refuseSave = () => ({
      ok: false,
      error: { key: 'settings.invalid' },
      problems: [{ path: 'connection.lines[1].device', message: { key: 'validation.listedTwice' } }],
    });
    const field = (name: string) => within(form).getByLabelText(name);
    fireEvent.change(field('Name'), { target: { value: 'HQ' } });
    fireEvent.change(field('Short name (id)'), { target: { value: 'hq' } });
    fireEvent.change(field('TelServer host'), { target: { value: '10.0.0.5' } });
    fireEvent.change(field('TelServer port'), { target: { value: '4000' } });
    fireEvent.change(field('Devices (extensions)'), { target: { value: '1100, 1101' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save connection' }));
    expect(await within(form).findByText('Listed twice.')).toBeTruthy();
    expect(field('Devices (extensions)').getAttribute('aria-invalid')).toBe('true');
  });
});

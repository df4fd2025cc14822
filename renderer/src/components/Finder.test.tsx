// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { msg } from '../../../app/i18n/message';
import type { DirectoryEntry } from '../../../app/model';
import { call, connection, consoleWith, FIXTURE_NOW, line } from '../../../app/testing/fixtures';
import { BridgeRequestError } from '../bridge/bridge-error';
import { renderConsole } from '../testing/render-console';

afterEach(cleanup);

const searchBox = () => screen.getByRole<HTMLInputElement>('textbox', { name: 'Find a name or number' });
const results = () => within(screen.getByRole('list', { name: 'Directory results' })).getAllByRole('listitem');

const peeter: DirectoryEntry = { name: 'Peeter Tamm', number: '1103', company: 'Sales', numberType: 'work', source: 'TelServer' };
const mobile: DirectoryEntry = { number: '+3725123456', numberType: 'mobile', source: 'TelServer' };

describe('the finder', () => {
  it('searches as you type and lists name, formatted number, company and number type', async () => {
    const { api } = renderConsole(consoleWith());
    api.answerSearch = () => [peeter, mobile];
    fireEvent.change(searchBox(), { target: { value: 'pe' } });
    fireEvent.change(searchBox(), { target: { value: 'pee' } });

    await waitFor(() => expect(results()).toHaveLength(2));
    // Each keystroke asks the local directory at once; the PBXs are asked once the typing pauses.
    await waitFor(() => expect(api.searches.map((query) => `${query.text}/${query.scope}`)).toEqual(['pe/local', 'pee/local', 'pee/all']));
    const [first, second] = results();
    expect(first.textContent).toContain('Peeter Tamm');
    expect(first.textContent).toContain('1103');
    expect(first.textContent).toContain('Sales');
    expect(first.textContent).toContain('Work');
    // An Estonian mobile on an Estonian line reads nationally.
    expect(second.textContent).toContain('512 3456');
    expect(second.textContent).toContain('Mobile');
  });

  it('"Call <name>" (or "Call <number>" without a name) dials it on the current line', async () => {
    const { api } = renderConsole(consoleWith());
    api.answerSearch = () => [peeter, mobile];
    fireEvent.change(searchBox(), { target: { value: 'x' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Call Peeter Tamm' }));
    // Done with that search: the finder empties, and the next starts clean.
    await waitFor(() => expect(searchBox().value).toBe(''));
    fireEvent.change(searchBox(), { target: { value: 'x' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Call 512 3456' }));
    await waitFor(() =>
      expect(api.commands).toEqual([
        { kind: 'dial', lineId: 'ts/1101', to: '1103' },
        { kind: 'dial', lineId: 'ts/1101', to: '+3725123456' },
      ]),
    );
  });

  it('discards a slow answer to an older query', async () => {
    const { api } = renderConsole(consoleWith());
    let answerFirst: (entries: DirectoryEntry[]) => void = () => {};
    api.answerSearch = (query) => (query.text === 'old' ? new Promise((resolve) => (answerFirst = resolve)) : [peeter]);

    fireEvent.change(searchBox(), { target: { value: 'old' } });
    await waitFor(() => expect(api.searches).toHaveLength(1));
    fireEvent.change(searchBox(), { target: { value: 'new' } });
    await waitFor(() => expect(results()).toHaveLength(1));

    answerFirst([mobile, mobile, mobile]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(results()).toHaveLength(1);
    expect(results()[0].textContent).toContain('Peeter Tamm');
  });

  it('Enter with text calls the first result', async () => {
    const { api } = renderConsole(consoleWith([call()]));
    api.answerSearch = () => [peeter, mobile];
    fireEvent.change(searchBox(), { target: { value: 'peeter' } });
    fireEvent.keyDown(searchBox(), { key: 'Enter' });
    await waitFor(() => expect(api.commands).toEqual([{ kind: 'dial', lineId: 'ts/1101', to: '1103' }]));
  });

  it('Escape clears the query and the results', async () => {
    const { api } = renderConsole(consoleWith());
    api.answerSearch = () => [peeter];
    fireEvent.change(searchBox(), { target: { value: 'peeter' } });
    await waitFor(() => expect(results()).toHaveLength(1));
    fireEvent.keyDown(searchBox(), { key: 'Escape' });
    expect(searchBox().value).toBe('');
    expect(screen.queryByRole('list', { name: 'Directory results' })).toBeNull();
  });

  it('while a call’s action asks for a destination, each result offers exactly that action', async () => {
    const { api } = renderConsole(consoleWith([call({ actions: ['answer', 'divert'] })]));
    api.answerSearch = () => [peeter];
    fireEvent.change(searchBox(), { target: { value: 'peeter' } });
    await screen.findByRole('button', { name: 'Call Peeter Tamm' });
    expect(screen.queryByRole('button', { name: 'Divert to Peeter Tamm' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Divert' }));
    // Asking starts a clean search.
    expect(searchBox().value).toBe('');
    fireEvent.change(searchBox(), { target: { value: 'peeter' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Divert to Peeter Tamm' }));
    await waitFor(() => expect(api.commands).toEqual([{ kind: 'divert', callId: 'ts/1101#1', to: '1103' }]));
    expect(screen.queryByRole('button', { name: 'Call Peeter Tamm' })).toBeNull();
  });

  it('shows each result’s source and presence, the local answer first and then the one with the PBXs merged in', async () => {
    const { api } = renderConsole(consoleWith());
    let answerAll: (entries: DirectoryEntry[]) => void = () => {};
    const colleague: DirectoryEntry = { ...peeter, origin: 'colleague', presence: { activity: 'busy', status: 'away' }, source: 'HQ PBX' };
    const contact: DirectoryEntry = { name: 'Tiina Põld', number: '+3725123456', origin: 'contact', source: 'Contacts' };
    api.answerSearch = (query) =>
      query.scope === 'local'
        ? { entries: [colleague], vendorsPending: true, failures: [] }
        : new Promise((resolve) => (answerAll = resolve));
    fireEvent.change(searchBox(), { target: { value: 'pe' } });
    await waitFor(() => expect(results()).toHaveLength(1));
    expect(results()[0].textContent).toContain('On the phone (away)');
    expect(results()[0].textContent).toContain('HQ PBX');
    const status = () => screen.getByRole('search').querySelector('.directory__status')!;
    expect(status().textContent).toBe('Asking the PBX…');
    await waitFor(() => expect(api.searches).toHaveLength(2));
    answerAll([colleague, contact]);
    await waitFor(() => expect(results()).toHaveLength(2));
    expect(results()[1].textContent).toContain('Contacts');
    expect(status().textContent).toBe('');
  });

  it('shows a PBX whose search failed with the local results, and never says "No matches" for it', async () => {
    const { api } = renderConsole(consoleWith());
    const failure = {
      source: 'Branch PBX',
      error: { key: 'directory.vendorTimeout' as const, params: { source: 'Branch PBX', seconds: 3 } },
    };
    api.answerSearch = (query) => ({
      entries: [],
      vendorsPending: query.scope === 'local',
      failures: query.scope === 'all' ? [failure] : [],
    });
    fireEvent.change(searchBox(), { target: { value: 'nobody' } });
    expect((await within(screen.getByRole('search')).findByRole('alert')).textContent).toBe(
      'Branch PBX could not search: Branch PBX did not answer within 3 s.',
    );
    expect(screen.queryByText('No matches.')).toBeNull();
  });

  it('shows a search failure in words', async () => {
    const { api } = renderConsole(consoleWith());
    // What ws-bridge.ts rejects every request with while its socket is down: a catalog message, shown as its text.
    api.answerSearch = () => Promise.reject(new BridgeRequestError(msg('bridge.unreachable')));
    fireEvent.change(searchBox(), { target: { value: 'peeter' } });
    expect(await screen.findByText('Directory search failed: Console service unreachable — reconnecting.')).toBeTruthy();
  });
});

const maria: DirectoryEntry = { name: 'Maria Lind', number: '1102', source: 'TelServer', origin: 'colleague' };

describe('the call a destination was asked for ends while the receptionist types it', () => {
  it('Enter does not transfer the caller she is talking to instead', async () => {
    // Talking to Kalev; Anna rings (innovaphone's actionsOf for 'connected' and 'ringing').
    const kalev = call({
      id: 'ts/1101#1',
      state: 'connected',
      startedAt: FIXTURE_NOW - 120_000,
      connectedAt: FIXTURE_NOW - 110_000,
      remote: { number: '+3725111111', name: 'Kalev Kask' },
      actions: ['hold', 'transfer', 'consult', 'hangup'],
    });
    const anna = call({ id: 'ts/1101#2', remote: { number: '+3725222222', name: 'Anna Berg' }, actions: ['answer', 'divert', 'hangup'] });
    const { api } = renderConsole(consoleWith([kalev, anna]));
    api.answerSearch = () => [maria];
    // She sends Anna to Maria: Divert on Anna's row, the finder asks where to.
    fireEvent.click(within(screen.getByRole('listitem', { name: /Anna Berg/ })).getByRole('button', { name: 'Divert' }));
    expect(screen.getByRole('search').textContent).toContain('Divert Anna Berg to…');
    // Anna gives up ringing: the finder says so, and stays hers.
    act(() => api.pushPatch([{ op: 'delete', collection: 'calls', id: anna.id }]));
    expect(screen.getByRole('search').textContent).toContain('That call has ended.');
    fireEvent.change(searchBox(), { target: { value: 'maria' } });
    await screen.findByText('Maria Lind');
    fireEvent.keyDown(searchBox(), { key: 'Enter' });
    await new Promise((r) => setTimeout(r, 50));
    // Kalev never asked for Maria: nothing is sent, and the finder is back to its everyday job.
    expect(api.commands).toEqual([]);
    expect(screen.getByRole('search').textContent).not.toContain('That call has ended.');
  });

  it('with no other call, Enter does not dial the destination instead', async () => {
    const anna = call({ remote: { number: '+3725222222', name: 'Anna Berg' }, actions: ['answer', 'divert', 'hangup'] });
    const { api } = renderConsole(consoleWith([anna]));
    api.answerSearch = () => [maria];
    fireEvent.click(within(screen.getByRole('listitem', { name: /Anna Berg/ })).getByRole('button', { name: 'Divert' }));
    act(() => api.pushPatch([{ op: 'delete', collection: 'calls', id: anna.id }]));
    fireEvent.change(searchBox(), { target: { value: 'maria' } });
    await screen.findByText('Maria Lind');
    fireEvent.keyDown(searchBox(), { key: 'Enter' });
    await new Promise((r) => setTimeout(r, 50));
    expect(api.commands).toEqual([]);
  });
});

describe('the finder highlight follows the row she chose, not its position', () => {
  const highlighted = () => results().find((li) => li.getAttribute('aria-current') === 'true')?.textContent ?? '';
  const mariaLind: DirectoryEntry = { name: 'Maria Lind', number: '1102', source: 'TelServer', connectionId: 'ts', origin: 'colleague' };
  const kaisa: DirectoryEntry = { name: 'Kaisa Tamm', company: 'Marine OÜ', number: '+3725333333', source: 'Contacts', origin: 'contact' };
  const marek: DirectoryEntry = { name: 'Marek Org', number: '2201', source: 'TelServer', connectionId: 'ts' };
  const mart: DirectoryEntry = { name: 'Mart Kuusk', number: '1104', source: 'TelServer', connectionId: 'ts', origin: 'colleague' };

  it('keeps the highlight and Enter on her choice when the PBX answer is ranked in among the local results', async () => {
    const talking = call({ state: 'connected', connectedAt: FIXTURE_NOW, actions: ['hangup', 'transfer'] });
    const { api } = renderConsole(consoleWith([talking]));
    let answerPbx: () => void = () => {};
    api.answerSearch = (q) =>
      q.scope === 'local' ? [mariaLind, kaisa] : new Promise((resolve) => (answerPbx = () => resolve([mariaLind, marek, kaisa])));
    fireEvent.change(searchBox(), { target: { value: 'mar' } });
    await waitFor(() => expect(results()).toHaveLength(2));
    fireEvent.keyDown(searchBox(), { key: 'ArrowDown' });
    expect(highlighted()).toContain('Kaisa Tamm');
    await waitFor(() => expect(api.searches.some((s) => s.scope === 'all')).toBe(true));
    answerPbx();
    await waitFor(() => expect(results()).toHaveLength(3));
    expect(highlighted()).toContain('Kaisa Tamm');
    fireEvent.keyDown(searchBox(), { key: 'Enter' });
    await waitFor(() => expect(api.commands).toHaveLength(1));
    expect(api.commands[0]).toEqual({ kind: 'transfer', callId: talking.id, to: '+3725333333' });
  });

  it('acts on the row drawn highlighted when her choice leaves the list', async () => {
    const { api, store } = renderConsole(consoleWith());
    let answer = [mariaLind, mart, peeter];
    api.answerSearch = () => answer;
    fireEvent.change(searchBox(), { target: { value: 'ma' } });
    await waitFor(() => expect(results()).toHaveLength(3));
    fireEvent.keyDown(searchBox(), { key: 'ArrowUp' });
    expect(highlighted()).toContain('Peeter Tamm');
    // A contact changes: the same query is asked again and answers without him.
    answer = [mariaLind, mart];
    act(() => store.getState().setDirectoryQuery('ma'));
    await waitFor(() => expect(results()).toHaveLength(2));
    const shown = highlighted();
    fireEvent.keyDown(searchBox(), { key: 'Enter' });
    await waitFor(() => expect(api.commands).toHaveLength(1));
    expect({ shown: shown.slice(0, 10), to: (api.commands[0] as { to: string }).to }).toEqual({ shown: 'Maria Lind', to: '1102' });
  });
});

describe('a number typed that directory numbers start with', () => {
  const maria: DirectoryEntry = { name: 'Maria Lind', number: '1102', source: 'TelServer', origin: 'colleague' };

  it('is offered first and dialled by Enter, the results below it', async () => {
    const { api } = renderConsole(consoleWith());
    api.answerSearch = (q) => (q.text === '110' ? [maria, peeter] : []);
    fireEvent.change(searchBox(), { target: { value: '110' } });
    await waitFor(() => expect(results()).toHaveLength(3));
    expect(results()[0].textContent).toContain('110');
    expect(results()[0].getAttribute('aria-current')).toBe('true');
    fireEvent.keyDown(searchBox(), { key: 'Enter' });
    await waitFor(() => expect(api.commands).toHaveLength(1));
    expect(api.commands[0]).toEqual({ kind: 'dial', lineId: 'ts/1101', to: '110' });
  });

  it('its own button dials it, and ↓ then Enter dials the result', async () => {
    const { api } = renderConsole(consoleWith());
    api.answerSearch = (q) => (q.text === '110' ? [maria, peeter] : []);
    fireEvent.change(searchBox(), { target: { value: '110' } });
    await waitFor(() => expect(results()).toHaveLength(3));
    fireEvent.click(screen.getByRole('button', { name: 'Call 110' }));
    await waitFor(() => expect(api.commands).toHaveLength(1));
    fireEvent.change(searchBox(), { target: { value: '110' } });
    await waitFor(() => expect(results()).toHaveLength(3));
    fireEvent.keyDown(searchBox(), { key: 'ArrowDown' });
    fireEvent.keyDown(searchBox(), { key: 'Enter' });
    await waitFor(() => expect(api.commands).toHaveLength(2));
    expect(api.commands.map((c) => (c as { to: string }).to)).toEqual(['110', '1102']);
  });

  it('is not offered twice when a result has exactly that number', async () => {
    const { api } = renderConsole(consoleWith());
    api.answerSearch = () => [maria];
    fireEvent.change(searchBox(), { target: { value: '1102' } });
    await waitFor(() => expect(results()).toHaveLength(1));
    fireEvent.keyDown(searchBox(), { key: 'Enter' });
    await waitFor(() => expect(api.commands).toHaveLength(1));
    expect(api.commands[0]).toEqual({ kind: 'dial', lineId: 'ts/1101', to: '1102' });
  });
});

describe('an entry of another PBX', () => {
  const twoPbxs = (calls: ReturnType<typeof call>[] = []) =>
    consoleWith(calls, {
      connections: [connection(), connection({ id: 'ip', vendor: 'innovaphone', label: 'innovaphone' })],
      lines: [line(), line({ id: 'ip/200', connectionId: 'ip', vendor: 'innovaphone', label: 'Reception 2' })],
    });
  const mart: DirectoryEntry = { name: 'Mart Kuusk', number: '204', source: 'innovaphone', connectionId: 'ip', origin: 'colleague' };

  it('is dialled on a line of its own PBX', async () => {
    const { api } = renderConsole(twoPbxs());
    api.answerSearch = () => [mart];
    fireEvent.change(searchBox(), { target: { value: 'mart' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Call Mart Kuusk' }));
    await waitFor(() => expect(api.commands).toHaveLength(1));
    expect(api.commands[0]).toEqual({ kind: 'dial', lineId: 'ip/200', to: '204' });
  });

  it('is never dialled from a colleague’s watched extension of its PBX', async () => {
    const { api } = renderConsole(
      consoleWith([], {
        connections: [connection(), connection({ id: 'ip', vendor: 'innovaphone', label: 'innovaphone' })],
        lines: [line(), line({ id: 'ip/205', connectionId: 'ip', vendor: 'innovaphone', label: 'Mart', watched: true })],
      }),
    );
    api.answerSearch = () => [mart];
    fireEvent.change(searchBox(), { target: { value: 'mart' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Call Mart Kuusk' }));
    expect(await screen.findByText(/No line of innovaphone can call Mart Kuusk/)).toBeTruthy();
    expect(api.commands).toEqual([]);
  });

  it('gets no call of the other PBX transferred to its extension: Enter says why and sends nothing', async () => {
    const talking = call({ state: 'connected', connectedAt: FIXTURE_NOW, actions: ['hangup', 'transfer'] });
    const { api } = renderConsole(twoPbxs([talking]));
    api.answerSearch = () => [mart];
    fireEvent.change(searchBox(), { target: { value: 'mart' } });
    await screen.findByText('Mart Kuusk');
    fireEvent.keyDown(searchBox(), { key: 'Enter' });
    expect(await screen.findByText(/Mart Kuusk is an extension of innovaphone/)).toBeTruthy();
    expect(api.commands).toEqual([]);
  });
});

describe('the finder for a screen reader', () => {
  it('says whom Enter acts on as ↓ moves the highlight, the focus staying in the field', async () => {
    const { api } = renderConsole(consoleWith());
    api.answerSearch = () => [
      { name: 'Maria Lind', number: '1102', source: 'TelServer' },
      { name: 'Mart Kuusk', number: '1104', source: 'TelServer' },
    ];
    searchBox().focus();
    fireEvent.change(searchBox(), { target: { value: 'ma' } });
    await waitFor(() => expect(results()).toHaveLength(2));
    fireEvent.keyDown(searchBox(), { key: 'ArrowDown' });
    const live = document.querySelector('.finder__hint');
    expect(live?.getAttribute('aria-live')).toBe('polite');
    expect(live?.textContent).toBe('Enter: Call Mart Kuusk');
    expect(document.activeElement).toBe(searchBox());
  });
});

describe('Shift+Enter and Ctrl+Enter with no call to act for', () => {
  it('say why nothing happens instead of doing nothing, silently', async () => {
    // Talking to a Telia caller: the PBX offers no consultation nor conference on it.
    const talking = call({ state: 'connected', remote: { number: '+3725111111', name: 'Kalev Kask' }, actions: [] });
    const { api } = renderConsole(consoleWith([talking]));
    api.answerSearch = () => [maria];
    fireEvent.change(searchBox(), { target: { value: 'maria' } });
    await screen.findByText('Maria Lind');
    fireEvent.keyDown(searchBox(), { key: 'Enter', shiftKey: true });
    await screen.findByText(/Shift\+Enter consults while you talk to a caller/);
    fireEvent.keyDown(searchBox(), { key: 'Enter', ctrlKey: true });
    await screen.findByText(/Ctrl\+Enter adds to a conference/);
    expect(api.commands).toEqual([]);
  });
});

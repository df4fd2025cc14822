/**
 * The contract's `openLink` request (browser mode's click-to-dial) through the same handleRequest both bridges
 * use, over serve's real LinkInbox: a link is resolved in the core (never dialled there) or refused with the
 * parser's reason, and a parameter of the wrong shape is rejected before the inbox is touched.
 */
import { describe, expect, it, vi } from 'vitest';
import { MAX_LINK_PARAM_LENGTH, type RequestHandlers } from '../../app/contract';
import { desktopEn } from '../../app/i18n/catalogs/desktop';
import { ManualClock } from '../../app/testing/manual-clock';
import { connection, consoleState, line } from '../../app/testing/fixtures';
import type { DirectoryEntry } from '../../app/model';
import { DEFAULT_LINK_WAIT_MS, DEFAULT_NAME_SEARCH_MS, LinkInbox } from '../desktop/link-dialer';
import { fakeStateService } from '../testing/fake-state-service';
import { coreHandlers, handleRequest, type LinkTarget } from './request-handler';

const online = consoleState({
  connections: [connection({ id: 'pbx', state: 'online' })],
  lines: [line({ id: 'pbx/100', label: 'Reception' })],
});
const offline = consoleState({ connections: [connection({ id: 'pbx', state: 'connecting' })], lines: [line({ id: 'pbx/100' })] });

function setup(initial = online) {
  const service = { ...fakeStateService(initial), execute: vi.fn(async () => ({ ok: true as const })) };
  const clock = new ManualClock();
  const inbox = new LinkInbox({
    service,
    clock,
    domains: () => ['pbx.example.com'],
    nameFor: (number) => (number === '1103' ? 'Mari Maasikas' : undefined),
  });
  const handlers: RequestHandlers = {
    ...coreHandlers({ execute: service.execute, searchDirectory: vi.fn(), reconnect: vi.fn() }, undefined, 'bridge:1', inbox),
    subscribe: async () => null,
    showCall: async () => null,
    lookUpInCrm: async () => ({ ok: true }),
  };
  const openLink = (params: unknown) => handleRequest(handlers, 'openLink', params);
  return { service, clock, inbox, openLink };
}

/** What a TelServer search might answer: its colleagues, a contact, and another connection's extension. */
const DEMO_ENTRIES: DirectoryEntry[] = [
  { number: '1103', name: 'Mart Kuusk', source: 'TelServer', connectionId: 'pbx', origin: 'vendor' },
  { number: '+372 512 3456', name: 'Kalev Kask', source: 'Contacts', origin: 'contact' },
  { number: '1105', name: 'Somebody Else', source: 'Other PBX', connectionId: 'other', origin: 'vendor' },
];

/** One link for every reason the parser or the resolution gives (each key of the catalog's desktop.tel.* group). */
const REFUSED: Record<string, string> = {
  empty: '   ',
  tooLong: `tel:+${'1'.repeat(300)}`,
  scheme: 'https://example.com/',
  queryOrFragment: 'tel:+3726401234?x=1',
  badEncoding: 'tel:+3725123456%0a$(reboot)',
  calltoParameters: 'callto:+3726401234;ext=1',
  malformedParameter: 'tel:+3726401234;a_b',
  malformedNamedParameter: 'tel:+3726401234;foo=<x>',
  duplicateParameter: 'tel:+3726401234;ext=1;ext=2',
  noNumber: 'tel:+',
  notDialable: 'tel:+372abc',
  globalWithContext: 'tel:+3726401234;phone-context=+372',
  emptyContext: 'tel:6401234;phone-context',
  contextNotNumber: 'tel:6401234;phone-context=+37a',
  contextInvalid: 'tel:6401234;phone-context=-bad-',
  numberTooLong: `tel:+${'1'.repeat(25)}`,
  extensionNotNumber: 'tel:+3726401234;ext=abc',
  unknownMandatoryParameter: 'tel:+3726401234;m-foo=bar',
  extensionWithSubaddress: 'tel:+3726401234;ext=1;isub=2',
  serviceCode: 'tel:*2767*3855%23',
  notInternational: 'tel:+999',
  unknownDomain: 'tel:7042;phone-context=elsewhere.example',
  localElsewhere: 'tel:555-0123;phone-context=+1-914',
  notValidInCountry: 'tel:020-7946-0123',
};

describe('openLink', () => {
  it('resolves a link on the line it would dial, with the formatted number and the name, and dials nothing', async () => {
    const { service, openLink } = setup();
    await expect(openLink({ link: 'tel:+372-5123-4567;ext=12' })).resolves.toEqual({
      kind: 'confirm',
      request: {
        link: 'tel:+372-5123-4567;ext=12',
        number: '+37251234567',
        formatted: '5123 4567',
        extension: '12',
        line: { id: 'pbx/100', label: 'Reception' },
      },
    });
    await expect(openLink({ link: 'tel:1103' })).resolves.toMatchObject({
      kind: 'confirm',
      request: { number: '1103', name: 'Mari Maasikas', line: { id: 'pbx/100' } },
    });
    await expect(openLink({ link: 'tel:1100;phone-context=pbx.example.com' })).resolves.toMatchObject({ request: { number: '1100' } });
    expect(service.execute).not.toHaveBeenCalled();
  });

  it('refuses with the reason, for every reason a link can be refused', async () => {
    const reasons = Object.keys(desktopEn)
      .filter((key) => key.startsWith('desktop.tel.'))
      .map((key) => key.slice('desktop.tel.'.length));
    expect(Object.keys(REFUSED).sort()).toEqual(reasons.sort());
    const { service, openLink } = setup();
    for (const [reason, link] of Object.entries(REFUSED)) {
      const offer = await openLink({ link });
      expect(offer, link).toMatchObject({ kind: 'refused', error: { key: `desktop.tel.${reason}` } });
    }
    expect(service.execute).not.toHaveBeenCalled();
  });

  it('says a link waits for a line, offers it once one is online, and refuses it when the wait expires', async () => {
    const { service, clock, openLink } = setup(offline);
    await expect(openLink({ link: 'tel:+3726401234' })).resolves.toEqual({
      kind: 'waiting',
      number: '+3726401234',
      retryInMs: DEFAULT_LINK_WAIT_MS + 500,
    });
    await clock.advance(1000);
    await expect(openLink({})).resolves.toMatchObject({ kind: 'waiting', retryInMs: DEFAULT_LINK_WAIT_MS - 500 });
    service.setState(online);
    await expect(openLink({})).resolves.toMatchObject({ kind: 'confirm', request: { number: '+3726401234' } });
    // Offered once: another page (or a reload) is not asked again.
    await expect(openLink({})).resolves.toEqual({ kind: 'none' });

    service.setState(offline);
    await openLink({ link: 'tel:+3726401234' });
    await clock.advance(DEFAULT_LINK_WAIT_MS);
    await expect(openLink({})).resolves.toEqual({
      kind: 'refused',
      error: { key: 'desktop.link.expired', params: { number: '+3726401234' } },
    });
  });

  it('holds the newest link for the page that asks (serve --open-link); a held link goes stale after the wait', async () => {
    const { clock, inbox, openLink } = setup();
    inbox.open('tel:+3726401234');
    inbox.open('tel:1103');
    await expect(openLink({})).resolves.toMatchObject({ kind: 'confirm', request: { number: '1103' } });
    await expect(openLink({})).resolves.toEqual({ kind: 'none' });

    inbox.open('tel:1103');
    await clock.advance(DEFAULT_LINK_WAIT_MS + 1);
    await expect(openLink({})).resolves.toEqual({ kind: 'refused', error: { key: 'desktop.link.expired', params: { number: '1103' } } });
  });

  it('names the number from a directory search (PBX included) when the local directory does not know it, never waiting long', async () => {
    const service = fakeStateService(online);
    const clock = new ManualClock();
    const searches: string[] = [];
    let answer: (entries: DirectoryEntry[]) => void = () => {};
    const inbox = new LinkInbox({
      service: { ...service, execute: vi.fn() },
      clock,
      searchDirectory: (number) => {
        searches.push(number);
        return number === '1104' ? new Promise((resolve) => (answer = resolve)) : Promise.resolve(DEMO_ENTRIES);
      },
    });
    const openLink = (link: string) =>
      coreHandlers({ execute: vi.fn(), searchDirectory: vi.fn(), reconnect: vi.fn() }, undefined, undefined, inbox).openLink({ link });
    await expect(openLink('tel:1103')).resolves.toMatchObject({ request: { number: '1103', name: 'Mart Kuusk' } });
    await expect(openLink('tel:5123456')).resolves.toMatchObject({ request: { number: '+3725123456', name: 'Kalev Kask' } });
    // Another connection's extension 1105 is not this line's 1105.
    const other = await openLink('tel:1105');
    expect(other).toMatchObject({ kind: 'confirm', request: { number: '1105' } });
    expect(other.kind === 'confirm' ? other.request.name : 'not offered').toBeUndefined();
    // A slow search costs the name, not the link.
    const slow = openLink('tel:1104');
    await clock.advance(DEFAULT_NAME_SEARCH_MS);
    await expect(slow).resolves.toEqual({
      kind: 'confirm',
      request: { link: 'tel:1104', number: '1104', formatted: '1104', line: { id: 'pbx/100', label: 'Reception' } },
    });
    answer(DEMO_ENTRIES);
    expect(searches).toEqual(['1103', '+3725123456', '1105', '1104']);
  });

  it('rejects a parameter of the wrong shape before the inbox is touched', async () => {
    const links: LinkTarget = { open: vi.fn(), take: vi.fn(async () => ({ kind: 'none' as const })) };
    const handlers = { ...coreHandlers({ execute: vi.fn(), searchDirectory: vi.fn(), reconnect: vi.fn() }, undefined, undefined, links) };
    const call = (params: unknown) =>
      handleRequest({ ...handlers, subscribe: vi.fn(), showCall: vi.fn(), lookUpInCrm: vi.fn() }, 'openLink', params);
    await expect(call('tel:1100')).rejects.toThrow(/^Invalid request: request: /);
    await expect(call({ link: 42 })).rejects.toThrow(/^Invalid request: request\.link: Text is expected here\.$/);
    await expect(call({ link: '' })).rejects.toThrow(/^Invalid request: request\.link: /);
    await expect(call({ link: `tel:${'1'.repeat(MAX_LINK_PARAM_LENGTH)}` })).rejects.toThrow(/^Invalid request: request\.link: /);
    await expect(call({ url: 'tel:1100' })).rejects.toThrow(/^Invalid request: request\.url: There is no such setting\.$/);
    expect(links.open).not.toHaveBeenCalled();
    expect(links.take).not.toHaveBeenCalled();
  });

  it('answers that there is no link where no inbox is (the desktop app asks in its own dialog)', async () => {
    const handlers = coreHandlers({ execute: vi.fn(), searchDirectory: vi.fn(), reconnect: vi.fn() }, undefined, 'desktop');
    await expect(handlers.openLink({ link: 'tel:+3726401234' })).resolves.toEqual({ kind: 'none' });
  });
});

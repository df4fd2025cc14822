import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeEvent, decodeRequest, decodeReturn, encodeEvent, encodeRequest, encodeReturn, TsCodecError } from './codec';
import type { TsCallLeg, TsEvent, TsRequest, TsReturn } from './messages';

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(here, 'fixtures');
const REPO_ROOT = resolve(here, '../../..');
const SEED = resolve(REPO_ROOT, '../shared/seeds/003_9be1089c4c489ca0.txt');

const fixture = (name: string) => readFileSync(join(FIXTURES, `${name}.xml`), 'utf8');
/** What our compact encoder must produce for a fixture. */
const compact = (xml: string) => xml.replace(/>\s+</g, '><').trim();

/** The two examples the document gets wrong (see the typo tests below). */
const TYPO_FIXTURES = ['request-doNotDisturb', 'result-queryUserStatistics-2'];

const ALL_FIXTURES = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.xml'))
  .map((f) => f.slice(0, -4))
  .sort();

function decodeFixture(name: string): TsRequest | TsReturn | TsEvent {
  const xml = fixture(name);
  if (name.startsWith('request-')) return decodeRequest(xml);
  if (name.startsWith('event-')) return decodeEvent(xml);
  return decodeReturn(xml);
}

function encodeValue(name: string, value: TsRequest | TsReturn | TsEvent): string {
  if (name.startsWith('request-')) return encodeRequest(value as TsRequest);
  if (name.startsWith('event-')) return encodeEvent(value as TsEvent);
  return encodeReturn(value as TsReturn);
}

/** A call leg as the document's call-event examples write it. */
function leg(state: TsCallLeg['state'], number: string, duration: number, isOutgoing: boolean, more: Partial<TsCallLeg> = {}): TsCallLeg {
  return { state, otherParty: { number }, ...more, duration, isOutgoing, isConference: false };
}

function callEvent(deviceNumber: string, call: Extract<TsEvent['event'], { type: 'call' }>['call']): TsEvent {
  return { deviceNumber, event: { type: 'call', call } };
}

const CONNECTED_SERVICES = ['holdCall', 'dropCall', 'divertCall', 'consultationCall'];

const EXPECTED: Record<string, TsRequest | TsReturn | TsEvent> = {
  // Requests
  'request-openSession-1': { type: 'openSession', deviceNumber: '1101', eventUDPPort: 20001, eventUpdate: 'full' },
  'request-openSession-2': { type: 'openSession', deviceNumber: '1101', eventUDPPort: 20001, eventUpdate: 'full', userID: '1101' },
  'request-closeSession': { type: 'closeSession', deviceNumber: '1101' },
  'request-addPartyToCall': { type: 'addPartyToCall', deviceNumber: '1102', addedDeviceNumber: '1103' },
  'request-agentState': { type: 'agentState', deviceNumber: '1101', state: 'notReady' },
  'request-alternateCall': { type: 'alternateCall', deviceNumber: '1102' },
  'request-answerCall': { type: 'answerCall', deviceNumber: '1102', callingNumber: '1101' },
  'request-conferenceCall': { type: 'conferenceCall', deviceNumber: '1102' },
  'request-consultationCall': { type: 'consultationCall', deviceNumber: '1102', consultedDeviceNumber: '1103' },
  'request-divertCall': { type: 'divertCall', deviceNumber: '1102', divertedDeviceNumber: '1103' },
  'request-dropCall': { type: 'dropCall', deviceNumber: '1101' },
  'request-forward': { type: 'forward', deviceNumber: '1101', info: { number: '1102', type: 'immediate', state: 'on' } },
  'request-holdCall': { type: 'holdCall', deviceNumber: '1101' },
  'request-makeCall': { type: 'makeCall', deviceNumber: '1101', calledDeviceNumber: '1102' },
  'request-qualifyCall': { type: 'qualifyCall', deviceNumber: '1102' },
  'request-queryAgentState': { type: 'queryAgentState', deviceNumber: '1101' },
  'request-queryDoNotDisturb': { type: 'queryDoNotDisturb', deviceNumber: '1101' },
  'request-queryForward-1': { type: 'queryForward', deviceNumber: '1101' },
  'request-queryForward-2': { type: 'queryForward', deviceNumber: '1101' },
  'request-queryHistory': { type: 'queryHistory', deviceNumber: '8001', startDate: '2009-12-02' },
  'request-queryMsgWaiting': { type: 'queryMsgWaiting', deviceNumber: '1101' },
  'request-queryUserStatistics-1': { type: 'queryUserStatistics', deviceNumber: '1101', statisticsType: 'snapshot' },
  'request-queryUserStatistics-2': { type: 'queryUserStatistics', deviceNumber: '1101', statisticsType: 'total' },
  'request-reconnectCall': { type: 'reconnectCall', deviceNumber: '1102' },
  'request-retrieveCall': { type: 'retrieveCall', deviceNumber: '1101' },
  'request-searchName': { type: 'searchName', name: 'Mar' },
  'request-searchNumber': { type: 'searchNumber', number: '+33130127764' },
  'request-snapshot-1': { type: 'snapshot', deviceNumber: '1102' },
  'request-snapshot-2': { type: 'snapshot', deviceNumber: '1101' },
  'request-transferCall': { type: 'transferCall', deviceNumber: '1102' },
  'request-updateUserDirectory': {
    type: 'updateUserDirectory',
    userID: 'user',
    directoryName: 'outlook',
    parties: [
      { number: '0160121314', name: 'Bob Blake', numberType: 'work', company: 'TheCompany' },
      { number: '0160121315', name: 'Bob Blake', numberType: 'ip', company: 'TheCompany' },
    ],
  },
  'request-queryRoutingPointState': { type: 'queryRoutingPointState', service: 'service1' },
  'request-queryRoutingPointStatistics-1': { type: 'queryRoutingPointStatistics', service: 'service1', statisticsType: 'snapshot' },
  'request-queryRoutingPointStatistics-2': { type: 'queryRoutingPointStatistics', service: 'service1', statisticsType: 'total' },
  'request-resumeRoutingPoint': { type: 'resumeRoutingPoint', service: 'camp1' },
  'request-startRoutingPoint': { type: 'startRoutingPoint', service: 'camp1' },
  'request-stopRoutingPoint': { type: 'stopRoutingPoint', service: 'camp1' },
  'request-suspendRoutingPoint': { type: 'suspendRoutingPoint', service: 'camp1' },
  'request-updateRoutingPoint': { type: 'updateRoutingPoint', service: 'camp1' },
  'request-updateDirectory': { type: 'updateDirectory', directoryName: 'ldap' },

  // Results
  'result-standard': { kind: 'result', result: { type: 'standard' } },
  'result-qualifyCall': { kind: 'result', result: { type: 'qualifyCall', number: '1101' } },
  'result-queryAgentState': {
    kind: 'result',
    result: {
      type: 'agent',
      agent: {
        state: 'workingAfterCall',
        timeout: 30,
        inboundServices: ['service1'],
        permittedStates: ['ready', 'notReady', 'workingAfterCall'],
      },
    },
  },
  'result-queryDoNotDisturb': { kind: 'result', result: { type: 'doNotDisturb', state: 'off' } },
  'result-queryForward-1': {
    kind: 'result',
    result: { type: 'forwards', forwards: [{ number: '1102', type: 'immediate', state: 'on' }] },
  },
  'result-queryForward-2': { kind: 'result', result: { type: 'forwards', forwards: [] } },
  'result-queryHistory': {
    kind: 'result',
    result: {
      type: 'history',
      records: [
        {
          creationDate: '2009-12-02',
          creationTime: '15:32:43',
          otherParty: { number: '8005' },
          alertingDuration: 0,
          duration: 0,
          isOutgoing: true,
          isConnected: false,
          cause: 'normal',
        },
        {
          creationDate: '2009-12-02',
          creationTime: '14:53:27',
          otherParty: { number: '8002' },
          alertingDuration: 0,
          duration: 0,
          isOutgoing: true,
          isConnected: false,
          cause: 'normal',
        },
      ],
    },
  },
  'result-queryMsgWaiting': { kind: 'result', result: { type: 'msgWaiting', state: 'off' } },
  'result-queryUserStatistics-1': {
    kind: 'result',
    result: {
      type: 'userStatistics',
      statisticsType: 'snapshot',
      data: { agentState: { ready: '' }, inboundServices: { service: 'service1' } },
    },
  },
  'result-searchName-not-found': { kind: 'result', result: { type: 'searchDirectory', parties: [] } },
  'result-searchName-found': {
    kind: 'result',
    result: {
      type: 'searchDirectory',
      parties: [
        { number: '+801', name: 'Marcel Jagger', numberType: 'work', company: 'uniGone' },
        { number: '+33160127764', name: 'Martin Jagger', numberType: 'home', company: 'uniGone' },
      ],
    },
  },
  'result-searchNumber-not-found': { kind: 'result', result: { type: 'searchDirectory', parties: [] } },
  'result-searchNumber-found': {
    kind: 'result',
    result: {
      type: 'searchDirectory',
      parties: [{ number: '+33160127764', name: 'Martin Jagger', numberType: 'home', company: 'uniGone' }],
    },
  },
  'result-snapshot-1': {
    kind: 'result',
    result: {
      type: 'snapshot',
      snapshot: {
        calls: [{ id: '1', primCall: leg('alerting', '1101', 0, false), permittedServices: ['answerCall', 'divertCall'] }],
        forwards: [],
        msgWaiting: 'off',
        doNotDisturb: 'off',
      },
    },
  },
  'result-snapshot-2': {
    kind: 'result',
    result: {
      type: 'snapshot',
      snapshot: { calls: [], forwards: [{ number: '1102', type: 'immediate', state: 'on' }], msgWaiting: 'off', doNotDisturb: 'off' },
    },
  },
  'result-queryRoutingPointState': { kind: 'result', result: { type: 'routingPointState', state: 'started-running' } },

  // Errors
  'error-pbxlinkOutOfService': { kind: 'error', error: 'pbxlinkOutOfService' },
  'error-pbxReject': { kind: 'error', error: 'pbxReject' },
  'error-pbxTimeout': { kind: 'error', error: 'pbxTimeout' },
  'error-noCall': { kind: 'error', error: 'noCall' },
  'error-noOpenSession': { kind: 'error', error: 'noOpenSession' },
  'error-sessionLimitExceeded': { kind: 'error', error: 'sessionLimitExceeded' },
  'error-reject': { kind: 'error', error: 'reject' },
  'error-invalidCredentials': { kind: 'error', error: 'invalidCredentials' },
  'error-resourceError': { kind: 'error', error: 'resourceError' },

  // Events
  'event-agent': {
    event: {
      type: 'agent',
      agent: {
        state: 'workingAfterCall',
        timeout: 30,
        inboundServices: ['service1'],
        permittedStates: ['ready', 'notReady', 'workingAfterCall'],
      },
    },
  },
  'event-call-example1-1': callEvent('1101', { id: '1', primCall: leg('initiated', '', 0, true), permittedServices: ['dropCall'] }),
  'event-call-example1-2': callEvent('1101', { id: '1', primCall: leg('originated', '1102', 0, true), permittedServices: ['dropCall'] }),
  'event-call-example1-3': callEvent('1101', { id: '1', primCall: leg('delivered', '1102', 0, true), permittedServices: ['dropCall'] }),
  'event-call-example1-4': callEvent('1101', {
    id: '1',
    primCall: leg('connected', '1102', 0, true),
    permittedServices: CONNECTED_SERVICES as never,
  }),
  'event-call-example2-1': callEvent('1102', {
    id: '1',
    primCall: leg('alerting', '1101', 0, false),
    permittedServices: ['answerCall', 'divertCall'],
  }),
  'event-call-example2-2': callEvent('1102', {
    id: '1',
    primCall: leg('connected', '1101', 0, false),
    permittedServices: CONNECTED_SERVICES as never,
  }),
  'event-call-example3-1': callEvent('1101', {
    id: '1',
    primCall: leg('hold', '1102', 118, true),
    secCall: leg('initiated', '', 0, true),
    permittedServices: ['dropCall', 'reconnectCall'],
  }),
  'event-call-example3-2': callEvent('1101', {
    id: '1',
    primCall: leg('hold', '1102', 118, true),
    secCall: leg('originated', '1103', 0, true),
    permittedServices: ['dropCall', 'reconnectCall'],
  }),
  'event-call-example3-3': callEvent('1101', {
    id: '1',
    primCall: leg('hold', '1102', 119, true),
    secCall: leg('delivered', '1103', 0, true),
    permittedServices: ['dropCall', 'reconnectCall', 'transferCall'],
  }),
  'event-call-example3-4': callEvent('1101', {
    id: '1',
    primCall: leg('hold', '1102', 124, true),
    secCall: leg('connected', '1103', 0, true),
    permittedServices: ['dropCall', 'holdCall', 'reconnectCall', 'alternateCall', 'transferCall', 'conferenceCall'],
  }),
  'event-call-example4-1': callEvent('1104', {
    id: '1',
    primCall: leg('connected', '1102', 11, false, { lastRedirectionParty: { number: '1103' }, cause: 'transfer' }),
    permittedServices: CONNECTED_SERVICES as never,
  }),
  'event-call-example4-2': callEvent('1104', {
    id: '1',
    primCall: leg('connected', '1101', 44, false, { lastRedirectionParty: { number: '1102' }, cause: 'transfer' }),
    permittedServices: CONNECTED_SERVICES as never,
  }),
  'event-call-example5-1': callEvent('1103', {
    id: '1',
    primCall: leg('alerting', '1101', 0, false, { firstCalledParty: { number: '1102' }, lastRedirectionParty: { number: '1102' } }),
    permittedServices: ['answerCall', 'divertCall'],
  }),
  'event-call-example6-1': callEvent('1104', {
    id: '1',
    primCall: leg('alerting', '1101', 0, false, { firstCalledParty: { number: '1102' }, lastRedirectionParty: { number: '1103' } }),
    permittedServices: ['answerCall', 'divertCall'],
  }),
  'event-forward-1': { event: { type: 'forward', forward: { number: '1102', type: 'immediate', state: 'on' } } },
  'event-forward-2': { event: { type: 'forward', forward: { number: '1102', type: 'immediate', state: 'off' } } },
  'event-doNotDisturb': { event: { type: 'doNotDisturb', state: 'on' } },
  'event-msgWaiting': { event: { type: 'msgWaiting', state: 'on' } },
  'event-session': { event: { type: 'session', session: 'pbxlinkOutOfService' } },
};

/** Fixtures whose decoded value is checked by shape below rather than spelled out (long statistics trees). */
const CHECKED_BY_SHAPE = ['result-queryRoutingPointStatistics-1', 'result-queryRoutingPointStatistics-2', 'result-queryUserStatistics-2'];

describe('fixtures', () => {
  it('holds every XML example of the document: 89 documents', () => {
    expect(ALL_FIXTURES).toHaveLength(89);
    expect([...Object.keys(EXPECTED), ...CHECKED_BY_SHAPE, 'request-doNotDisturb'].sort()).toEqual(ALL_FIXTURES);
  });

  it.skipIf(!existsSync(SEED))('are copied verbatim from the protocol document', () => {
    const document = readFileSync(SEED, 'utf8');
    const notVerbatim = ALL_FIXTURES.filter((name) => !document.includes(fixture(name)));
    expect(notVerbatim).toEqual([]);
  });
});

describe('decoding the document examples', () => {
  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(name, () => {
      expect(decodeFixture(name)).toEqual(expected);
    });
  }

  it('routing point statistics (snapshot): counters and 0, 1 or many agents as a tree', () => {
    const ret = decodeReturn(fixture('result-queryRoutingPointStatistics-1'));
    if (ret.kind !== 'result' || ret.result.type !== 'routingPointStatistics') throw new Error('wrong result');
    expect(ret.result.statisticsType).toBe('snapshot');
    expect(ret.result.data.readyAvailableAgentsCount).toBe('2');
    const agents = (ret.result.data.agents as { agent: unknown[] }).agent;
    expect(agents).toHaveLength(5);
    expect(agents[0]).toEqual({
      deviceNumber: '8001',
      userID: 'agent8001',
      agentState: { ready: '' },
      inboundServices: { service: 'service1' },
    });
  });

  it('routing point statistics (total): values stay text, e.g. 1.0E2 and 00:17:35', () => {
    const ret = decodeReturn(fixture('result-queryRoutingPointStatistics-2'));
    if (ret.kind !== 'result' || ret.result.type !== 'routingPointStatistics') throw new Error('wrong result');
    expect(ret.result.statisticsType).toBe('total');
    expect(ret.result.data.workDuration).toBe('04:10:23');
    const agents = (ret.result.data.agents as { agent: Record<string, unknown>[] }).agent;
    expect(agents.map((a) => a.deviceNumber)).toEqual(['8001', '8002', '8003', '8004', '8005']);
    expect(agents[0].agentLoggedOnDuration).toBe('00:17:35');
    expect(agents[0].agentLoggedOnPercentage).toBe('1.0E2');
  });
});

describe('encoding gives the document examples, compact', () => {
  for (const name of ALL_FIXTURES.filter((n) => !TYPO_FIXTURES.includes(n))) {
    it(name, () => {
      const value = EXPECTED[name] ?? decodeFixture(name);
      expect(encodeValue(name, value)).toBe(compact(fixture(name)));
    });
  }

  it('writes no prolog and no whitespace between tags', () => {
    expect(encodeRequest({ type: 'makeCall', deviceNumber: '1101', calledDeviceNumber: '1102' })).toBe(
      '<TelServiceRequest><makeCall><deviceNumber>1101</deviceNumber><calledDeviceNumber>1102</calledDeviceNumber></makeCall></TelServiceRequest>',
    );
  });
});

describe('the document typos', () => {
  it('the doNotDisturb example (missing "<" on the root) is refused as not well-formed', () => {
    expect(() => decodeRequest(fixture('request-doNotDisturb'))).toThrow(TsCodecError);
    expect(() => decodeRequest(fixture('request-doNotDisturb'))).toThrow(/TelServices request is not well-formed XML/);
  });

  it('the doNotDisturb example, corrected, decodes and round-trips', () => {
    const corrected = `<${fixture('request-doNotDisturb')}`;
    const req = decodeRequest(corrected);
    expect(req).toEqual({ type: 'doNotDisturb', deviceNumber: '1101', state: 'on' });
    expect(encodeRequest(req)).toBe(compact(corrected));
  });

  it('the second queryUserStatistics result (no closing root) is refused as not well-formed', () => {
    expect(() => decodeReturn(fixture('result-queryUserStatistics-2'))).toThrow(
      /TelServer reply is not well-formed XML.*Unclosed tag 'TelServiceReturn'/,
    );
  });

  it('the second queryUserStatistics result, corrected, decodes and round-trips', () => {
    const corrected = `${fixture('result-queryUserStatistics-2')}</TelServiceReturn>\n`;
    const ret = decodeReturn(corrected);
    if (ret.kind !== 'result' || ret.result.type !== 'userStatistics') throw new Error('wrong result');
    expect(ret.result.statisticsType).toBe('total');
    expect(ret.result.data.start).toBe('2009-11-09T11:13:23');
    expect(ret.result.data.agentLoggedOnDuration).toBe('00:07:01');
    expect(ret.result.data.inboundServices).toEqual({ service: 'service1' });
    expect(encodeReturn(ret)).toBe(compact(corrected));
  });
});

describe('encoding choices', () => {
  it('writes enumerations and booleans as empty elements (ASN.1 XER, as in every example)', () => {
    expect(encodeRequest({ type: 'qualifyCall', deviceNumber: '1102', answerCall: false, needName: true })).toBe(
      '<TelServiceRequest><qualifyCall><deviceNumber>1102</deviceNumber><answerCall><false/></answerCall><needName><true/></needName></qualifyCall></TelServiceRequest>',
    );
    expect(encodeRequest({ type: 'closeSession', deviceNumber: '1101', actualCloseSessionTimeout: 3, clientOnly: true })).toBe(
      '<TelServiceRequest><closeSession><deviceNumber>1101</deviceNumber><actualCloseSessionTimeout>3</actualCloseSessionTimeout><clientOnly><true/></clientOnly></closeSession></TelServiceRequest>',
    );
    expect(encodeRequest({ type: 'queryHistory', recordType: 'all', limit: 10 })).toBe(
      '<TelServiceRequest><queryHistory><recordType><all/></recordType><limit>10</limit></queryHistory></TelServiceRequest>',
    );
  });

  it('reads booleans and enumerations written as text as well', () => {
    const req = decodeRequest(
      '<TelServiceRequest><openSession><deviceNumber>1101</deviceNumber><eventUpdate>restricted</eventUpdate><startPbxMonitor>false</startPbxMonitor></openSession></TelServiceRequest>',
    );
    expect(req).toEqual({ type: 'openSession', deviceNumber: '1101', eventUpdate: 'restricted', startPbxMonitor: false });
  });

  it('writes every parameter of openSession in the document order', () => {
    const xml = encodeRequest({
      type: 'openSession',
      deviceNumber: '1101',
      eventUDPPort: 20001,
      eventUpdate: 'restricted',
      userID: 'u',
      userPassword: 'p',
      sessionTimeout: 90,
      startPbxMonitor: true,
    });
    expect(xml).toBe(
      '<TelServiceRequest><openSession><deviceNumber>1101</deviceNumber><eventUDPPort>20001</eventUDPPort>' +
        '<eventUpdate><restricted/></eventUpdate><userID>u</userID><userPassword>p</userPassword>' +
        '<sessionTimeout>90</sessionTimeout><startPbxMonitor><true/></startPbxMonitor></openSession></TelServiceRequest>',
    );
  });

  it('escapes text and reads it back', () => {
    const req: TsRequest = { type: 'searchName', name: `O'Brien & <Sons> "Ltd"` };
    const xml = encodeRequest(req);
    expect(xml).toContain('<name>O&apos;Brien &amp; &lt;Sons&gt; &quot;Ltd&quot;</name>');
    expect(decodeRequest(xml)).toEqual(req);
  });

  it('decodes character references but leaves unknown entities as written', () => {
    const req = decodeRequest('<TelServiceRequest><searchName><name>&#77;&#x61;r &amp;c &nbsp;</name></searchName></TelServiceRequest>');
    expect(req).toEqual({ type: 'searchName', name: 'Mar &c &nbsp;' });
  });

  it('round-trips the structures no example shows: secCall, addedParties, firstOtherParty, callReference, extraData, snapshot agent and session', () => {
    const ev: TsEvent = {
      deviceNumber: '1101',
      event: {
        type: 'call',
        call: {
          id: '7',
          primCall: {
            state: 'connected',
            otherParty: { number: '*****-42', name: 'Anna', numberType: 'mobile', company: 'ACME' },
            addedParties: [{ number: '1103' }, { number: '1104', name: 'Bo' }],
            firstOtherParty: { number: '1105' },
            duration: 3,
            isOutgoing: false,
            isConference: true,
            callReference: 'ref-9',
            cause: 'conference',
          },
          permittedServices: [],
          extraData: 'x<y',
        },
      },
    };
    expect(decodeEvent(encodeEvent(ev))).toEqual(ev);

    const ret: TsReturn = {
      kind: 'result',
      result: {
        type: 'snapshot',
        snapshot: {
          snapshotSeq: '12',
          agent: { userID: 'a1', state: 'ready', outboundServices: ['camp1', 'camp2'], permittedStates: [] },
          session: 'pbxlinkInService',
        },
      },
    };
    expect(decodeReturn(encodeReturn(ret))).toEqual(ret);
  });

  it('round-trips every request type with all its parameters', () => {
    const requests: TsRequest[] = [
      { type: 'addPartyToCall', deviceNumber: '1', otherNumber: '2', addedDeviceNumber: '3', extraData: 'e' },
      { type: 'consultationCall', deviceNumber: '1', otherNumber: '2', consultedDeviceNumber: '3', extraData: 'e' },
      { type: 'divertCall', deviceNumber: '1', otherNumber: '2', divertedDeviceNumber: '3', extraData: 'e' },
      { type: 'alternateCall', deviceNumber: '1', primOtherNumber: '2', secOtherNumber: '3' },
      {
        type: 'queryHistory',
        recordType: 'agent',
        deviceNumber: '1',
        userID: 'u',
        startDate: '2024-01-01',
        startHour: 8,
        endDate: '2024-01-02',
        search: 'Mar',
        limit: 5,
      },
      { type: 'queryUserStatistics', deviceNumber: '1', userID: 'u', statisticsType: 'total' },
      { type: 'searchName', userID: 'u', deviceNumber: '1', name: 'Mar', limit: 20 },
      { type: 'searchNumber', userID: 'u', deviceNumber: '1', number: '+3726401234' },
      { type: 'snapshot', deviceNumber: '1', resultOnEvent: { timeout: 30, snapshotSeq: '0012' } },
      { type: 'startRoutingPoint', service: 'camp1', template: 'tpl' },
      { type: 'updateUserDirectory', deviceNumber: '1', directoryName: 'd', parties: [] },
    ];
    for (const req of requests) expect(decodeRequest(encodeRequest(req))).toEqual(req);
  });
});

describe('tolerant decoding', () => {
  it('keeps numbers as text: leading zeros and "+" survive', () => {
    const ret = decodeReturn(
      '<TelServiceReturn><result><searchDirectory><party><number>+3726401234</number></party><party><number>0012</number></party></searchDirectory></result></TelServiceReturn>',
    );
    expect(ret).toEqual({ kind: 'result', result: { type: 'searchDirectory', parties: [{ number: '+3726401234' }, { number: '0012' }] } });
  });

  it('ignores unknown elements anywhere and does not depend on child order', () => {
    const ev = decodeEvent(`
      <TelServiceEvent>
        <event>
          <call>
            <permittedServices><futureService/><dropCall/></permittedServices>
            <primCall>
              <isConference><false/></isConference>
              <vendorExtension><x>1</x></vendorExtension>
              <isOutgoing><true/></isOutgoing>
              <duration>5</duration>
              <otherParty><numberType><satellite/></numberType><number>1102</number></otherParty>
              <state><connected/></state>
              <cause><teleported/></cause>
            </primCall>
            <id>9</id>
          </call>
          <futureEvent/>
        </event>
        <deviceNumber>1101</deviceNumber>
      </TelServiceEvent>`);
    expect(ev).toEqual(callEvent('1101', { id: '9', primCall: leg('connected', '1102', 5, true), permittedServices: ['dropCall'] }));
  });

  it('reads an absent isConference as false', () => {
    const ev = decodeEvent(
      '<TelServiceEvent><event><call><id>1</id><primCall><state><alerting/></state><otherParty><number>5</number></otherParty><duration>0</duration><isOutgoing><false/></isOutgoing></primCall></call></event></TelServiceEvent>',
    );
    expect(ev.event.type === 'call' && ev.event.call.primCall?.isConference).toBe(false);
  });

  it('tells an absent permittedServices from an empty one', () => {
    const base = '<TelServiceEvent><event><call><id>1</id>';
    expect(decodeEvent(`${base}</call></event></TelServiceEvent>`)).toEqual({ event: { type: 'call', call: { id: '1' } } });
    expect(decodeEvent(`${base}<permittedServices/></call></event></TelServiceEvent>`)).toEqual({
      event: { type: 'call', call: { id: '1', permittedServices: [] } },
    });
  });

  it('accepts an XML declaration and line breaks', () => {
    expect(
      decodeReturn(
        '<?xml version="1.0" encoding="UTF-8"?>\r\n<TelServiceReturn>\r\n <result>\r\n  <standard/>\r\n </result>\r\n</TelServiceReturn>\r\n',
      ),
    ).toEqual({
      kind: 'result',
      result: { type: 'standard' },
    });
  });

  it('reads a list of 0, 1 and many snapshot calls', () => {
    const call = (id: string) => `<call><id>${id}</id></call>`;
    const snap = (calls: string) =>
      decodeReturn(`<TelServiceReturn><result><snapshot><calls>${calls}</calls></snapshot></result></TelServiceReturn>`);
    const ids = (ret: TsReturn) =>
      ret.kind === 'result' && ret.result.type === 'snapshot' ? ret.result.snapshot.calls?.map((c) => c.id) : null;
    expect(ids(snap(''))).toEqual([]);
    expect(ids(snap(call('1')))).toEqual(['1']);
    expect(ids(snap(call('1') + call('2') + call('3')))).toEqual(['1', '2', '3']);
  });
});

describe('strict decoding', () => {
  const refuses = (fn: () => unknown, message: RegExp) => {
    expect(fn).toThrow(TsCodecError);
    expect(fn).toThrow(message);
  };

  it('refuses malformed XML', () => {
    refuses(() => decodeReturn('<TelServiceReturn><result><standard/></TelServiceReturn>'), /TelServer reply is not well-formed XML/);
    refuses(() => decodeEvent('not xml at all'), /TelServer event is not well-formed XML/);
    refuses(() => decodeReturn(''), /not well-formed XML/);
  });

  it('refuses a wrong root element', () => {
    refuses(
      () => decodeReturn('<TelServiceEvent><event><msgWaiting><on/></msgWaiting></event></TelServiceEvent>'),
      /must be one <TelServiceReturn> document, found <TelServiceEvent>/,
    );
    refuses(
      () => decodeRequest('<TelServiceRequest><makeCall/></TelServiceRequest><TelServiceRequest/>'),
      /must be one <TelServiceRequest> document/,
    );
  });

  it('refuses an unknown request, result, error and event', () => {
    refuses(
      () => decodeRequest('<TelServiceRequest><fooCall><deviceNumber>1</deviceNumber></fooCall></TelServiceRequest>'),
      /unknown request "fooCall"/,
    );
    refuses(() => encodeRequest({ type: 'fooCall' } as unknown as TsRequest), /unknown request "fooCall"/);
    refuses(() => decodeReturn('<TelServiceReturn><result><fooResult/></result></TelServiceReturn>'), /unknown result "fooResult"/);
    refuses(() => decodeReturn('<TelServiceReturn><error><fooError/></error></TelServiceReturn>'), /unknown error "fooError"/);
    refuses(() => decodeEvent('<TelServiceEvent><event><fooEvent/></event></TelServiceEvent>'), /unknown event "fooEvent"/);
  });

  it('names a missing required field', () => {
    refuses(
      () => decodeRequest('<TelServiceRequest><openSession><eventUDPPort>1</eventUDPPort></openSession></TelServiceRequest>'),
      /^openSession: missing deviceNumber$/,
    );
    refuses(
      () => decodeEvent('<TelServiceEvent><event><call><primCall><state><alerting/></state></primCall></call></event></TelServiceEvent>'),
      /event\.call: missing id/,
    );
    refuses(
      () =>
        decodeEvent(
          '<TelServiceEvent><event><call><id>1</id><primCall><state><alerting/></state><duration>0</duration><isOutgoing><true/></isOutgoing></primCall></call></event></TelServiceEvent>',
        ),
      /event\.call\.primCall: missing otherParty/,
    );
    refuses(() => encodeRequest({ type: 'makeCall', deviceNumber: '1' } as TsRequest), /makeCall: missing calledDeviceNumber/);
  });

  it('refuses values of the wrong form', () => {
    refuses(
      () =>
        decodeRequest(
          '<TelServiceRequest><openSession><deviceNumber>1</deviceNumber><eventUDPPort>x1</eventUDPPort></openSession></TelServiceRequest>',
        ),
      /"x1" is not a whole number/,
    );
    refuses(
      () =>
        decodeRequest(
          '<TelServiceRequest><doNotDisturb><deviceNumber>1</deviceNumber><state><maybe/></state></doNotDisturb></TelServiceRequest>',
        ),
      /doNotDisturb\.state: unknown value "maybe"/,
    );
    refuses(() => encodeRequest({ type: 'doNotDisturb', deviceNumber: '1', state: 'maybe' as 'on' }), /not one of on, off/);
  });

  it('refuses input larger than the bound (1 MiB by default, configurable)', () => {
    const big = `<TelServiceReturn><result><standard/></result>${' '.repeat(1024 * 1024)}</TelServiceReturn>`;
    refuses(() => decodeReturn(big), /larger than 1048576 bytes/);
    refuses(
      () => decodeEvent('<TelServiceEvent><event><msgWaiting><on/></msgWaiting></event></TelServiceEvent>', { maxBytes: 16 }),
      /larger than 16 bytes/,
    );
  });

  it('refuses a DOCTYPE (entity expansion attack) quickly', () => {
    const bomb =
      '<!DOCTYPE TelServiceReturn [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">' +
      '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>' +
      '<TelServiceReturn><result><qualifyCall><number>&d;</number></qualifyCall></result></TelServiceReturn>';
    const started = performance.now();
    refuses(() => decodeReturn(bomb), /DOCTYPE/);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('refuses element names that would pollute prototypes', () => {
    refuses(
      () =>
        decodeReturn(
          '<TelServiceReturn><result><userStatistics><total><__proto__><x>1</x></__proto__></total></userStatistics></result></TelServiceReturn>',
        ),
      /could not be parsed/,
    );
  });

  it('refuses to write element names that are not XML names', () => {
    refuses(() => encodeReturn({ kind: 'result', result: { type: 'routingPointState', state: 'a><b' } }), /not a valid element name/);
  });
});

/**
 * The sim's own TelServices reader and writer against the examples of the
 * uniGone TelServer v1.7 document, verbatim (indentation and all).
 */
import { describe, expect, it } from 'vitest';
import type { SimEvent, SimReturn } from './messages';
import { readRequest, UnreadableRequest } from './request-reader';
import { writeEvent, writeReturn } from './xml-writer';

const MAX = 64 * 1024;
/** The document prints its examples indented; TelServer writes them compact. */
const compact = (xml: string) => xml.replace(/>\s+</g, '><').trim();

describe('request reader: the document’s request examples', () => {
  it.each([
    [
      'OpenSession example 1',
      `<TelServiceRequest>
  <openSession>
    <deviceNumber>1101</deviceNumber>
    <eventUDPPort>20001</eventUDPPort>
    <eventUpdate>
      <full/>
    </eventUpdate>
  </openSession>
</TelServiceRequest>`,
      { type: 'openSession', deviceNumber: '1101', eventUDPPort: 20001, eventUpdate: 'full' },
    ],
    [
      'OpenSession example 2',
      `<TelServiceRequest>
  <openSession>
    <deviceNumber>1101</deviceNumber>
    <eventUDPPort>20001</eventUDPPort>
    <eventUpdate>
      <full/>
    </eventUpdate>
    <userID>1101</userID>
  </openSession>
</TelServiceRequest>`,
      { type: 'openSession', deviceNumber: '1101', eventUDPPort: 20001, eventUpdate: 'full', userID: '1101' },
    ],
    [
      'CloseSession',
      `<TelServiceRequest>
  <closeSession>
    <deviceNumber>1101</deviceNumber>
  </closeSession>
</TelServiceRequest>`,
      { type: 'closeSession', deviceNumber: '1101' },
    ],
    [
      'AddPartyToCall',
      `<TelServiceRequest>
  <addPartyToCall>
    <deviceNumber>1102</deviceNumber>
    <addedDeviceNumber>1103</addedDeviceNumber>
  </addPartyToCall>
</TelServiceRequest>`,
      { type: 'addPartyToCall', deviceNumber: '1102', addedDeviceNumber: '1103' },
    ],
    [
      'AgentState',
      `<TelServiceRequest>
  <agentState>
    <deviceNumber>1101</deviceNumber>
    <state>
      <notReady/>
    </state>
  </agentState>
</TelServiceRequest>`,
      { type: 'agentState', deviceNumber: '1101', state: 'notReady' },
    ],
    [
      'AlternateCall',
      `<TelServiceRequest>
  <alternateCall>
    <deviceNumber>1102</deviceNumber>
  </alternateCall>
</TelServiceRequest>`,
      { type: 'alternateCall', deviceNumber: '1102' },
    ],
    [
      'AnswerCall',
      `<TelServiceRequest>
  <answerCall>
    <deviceNumber>1102</deviceNumber>
    <callingNumber>1101</callingNumber>
  </answerCall>
</TelServiceRequest>`,
      { type: 'answerCall', deviceNumber: '1102', callingNumber: '1101' },
    ],
    [
      'ConsultationCall',
      `<TelServiceRequest>
  <consultationCall>
    <deviceNumber>1102</deviceNumber>
    <consultedDeviceNumber>1103</consultedDeviceNumber>
  </consultationCall>
</TelServiceRequest>`,
      { type: 'consultationCall', deviceNumber: '1102', consultedDeviceNumber: '1103' },
    ],
    [
      'DivertCall',
      `<TelServiceRequest>
  <divertCall>
    <deviceNumber>1102</deviceNumber>
    <divertedDeviceNumber>1103</divertedDeviceNumber>
  </divertCall>
</TelServiceRequest>`,
      { type: 'divertCall', deviceNumber: '1102', divertedDeviceNumber: '1103' },
    ],
    [
      // The document prints this one without its first '<' ("TelServiceRequest>"): a typo, restored here.
      'DoNotDisturb',
      `<TelServiceRequest>
  <doNotDisturb>
    <deviceNumber>1101</deviceNumber>
    <state>
      <on/>
    </state>
  </doNotDisturb>
</TelServiceRequest>`,
      { type: 'doNotDisturb', deviceNumber: '1101', state: 'on' },
    ],
    [
      'DropCall (with the trailing spaces the document prints)',
      `<TelServiceRequest>
  <dropCall>
    <deviceNumber>1101</deviceNumber>
  </dropCall>
</TelServiceRequest>   `,
      { type: 'dropCall', deviceNumber: '1101' },
    ],
    [
      'Forward',
      `<TelServiceRequest>
  <forward>
    <deviceNumber>1101</deviceNumber>
    <info>
      <number>1102</number>
      <type>
        <immediate/>
      </type>
      <state>
        <on/>
      </state>
    </info>
  </forward>
</TelServiceRequest>`,
      { type: 'forward', deviceNumber: '1101', info: { number: '1102', type: 'immediate', state: 'on' } },
    ],
    [
      'HoldCall',
      `<TelServiceRequest>
  <holdCall>
    <deviceNumber>1101</deviceNumber>
  </holdCall>
</TelServiceRequest>`,
      { type: 'holdCall', deviceNumber: '1101' },
    ],
    [
      'MakeCall',
      `<TelServiceRequest>
  <makeCall>
    <deviceNumber>1101</deviceNumber>
    <calledDeviceNumber>1102</calledDeviceNumber>
  </makeCall>
</TelServiceRequest>`,
      { type: 'makeCall', deviceNumber: '1101', calledDeviceNumber: '1102' },
    ],
    [
      'QualifyCall',
      `<TelServiceRequest>
  <qualifyCall>
    <deviceNumber>1102</deviceNumber>
  </qualifyCall>
</TelServiceRequest>`,
      { type: 'qualifyCall', deviceNumber: '1102' },
    ],
    [
      'QueryHistory',
      `<TelServiceRequest>
  <queryHistory>
    <deviceNumber>8001</deviceNumber>
    <startDate>2009-12-02</startDate>
  </queryHistory>
</TelServiceRequest>`,
      { type: 'queryHistory', deviceNumber: '8001', startDate: '2009-12-02' },
    ],
    [
      'ReconnectCall',
      `<TelServiceRequest>
  <reconnectCall>
    <deviceNumber>1102</deviceNumber>
  </reconnectCall>
</TelServiceRequest>`,
      { type: 'reconnectCall', deviceNumber: '1102' },
    ],
    [
      'RetrieveCall',
      `<TelServiceRequest>
  <retrieveCall>
    <deviceNumber>1101</deviceNumber>
  </retrieveCall>
</TelServiceRequest>`,
      { type: 'retrieveCall', deviceNumber: '1101' },
    ],
    [
      'SearchName',
      `<TelServiceRequest>
  <searchName>
    <name>Mar</name>
  </searchName>
</TelServiceRequest>`,
      { type: 'searchName', name: 'Mar' },
    ],
    [
      'SearchNumber',
      `<TelServiceRequest>
  <searchNumber>
    <number>+33130127764</number>
  </searchNumber>
</TelServiceRequest>`,
      { type: 'searchNumber', number: '+33130127764' },
    ],
    [
      'Snapshot',
      `<TelServiceRequest>
  <snapshot>
    <deviceNumber>1102</deviceNumber>
  </snapshot>
</TelServiceRequest>`,
      { type: 'snapshot', deviceNumber: '1102' },
    ],
    [
      'TransferCall',
      `<TelServiceRequest>
  <transferCall>
    <deviceNumber>1102</deviceNumber>
  </transferCall>
</TelServiceRequest>`,
      { type: 'transferCall', deviceNumber: '1102' },
    ],
    [
      'QueryUserStatistics',
      `<TelServiceRequest>
  <queryUserStatistics>
    <deviceNumber>1101</deviceNumber>
    <type>
      <snapshot/>
    </type>
  </queryUserStatistics>
</TelServiceRequest>`,
      { type: 'queryUserStatistics', deviceNumber: '1101', statisticsType: 'snapshot' },
    ],
  ])('%s', (_name, xml, expected) => {
    expect(readRequest(xml, MAX)).toEqual(expected);
  });

  it('keeps numbers as text and decodes the predefined entities', () => {
    expect(readRequest('<TelServiceRequest><snapshot><deviceNumber>0012</deviceNumber></snapshot></TelServiceRequest>', MAX)).toEqual({
      type: 'snapshot',
      deviceNumber: '0012',
    });
    expect(readRequest('<TelServiceRequest><searchName><name>Smith &amp; Sons</name></searchName></TelServiceRequest>', MAX)).toEqual({
      type: 'searchName',
      name: 'Smith & Sons',
    });
  });

  it.each([
    ['an unknown service', '<TelServiceRequest><nonsense/></TelServiceRequest>'],
    ['two services', '<TelServiceRequest><holdCall><deviceNumber>1</deviceNumber></holdCall><dropCall/></TelServiceRequest>'],
    ['a missing required parameter', '<TelServiceRequest><dropCall/></TelServiceRequest>'],
    ['a cut request', '<TelServiceRequest><dropCall><deviceNumber>1101</deviceNumber>'],
    ['another root', '<TelServiceReturn><result><standard/></result></TelServiceReturn>'],
    [
      'an enumeration outside the document',
      '<TelServiceRequest><doNotDisturb><deviceNumber>1</deviceNumber><state><maybe/></state></doNotDisturb></TelServiceRequest>',
    ],
    [
      'a port that is no number',
      '<TelServiceRequest><openSession><deviceNumber>1</deviceNumber><eventUDPPort>x</eventUDPPort></openSession></TelServiceRequest>',
    ],
    [
      'a DOCTYPE declaring entities',
      '<!DOCTYPE r [<!ENTITY a "aaaaaaaa">]><TelServiceRequest><searchName><name>&a;</name></searchName></TelServiceRequest>',
    ],
    ['more bytes than allowed', `<TelServiceRequest><searchName><name>${'x'.repeat(MAX)}</name></searchName></TelServiceRequest>`],
  ])('refuses %s', (_name, xml) => {
    expect(() => readRequest(xml, MAX)).toThrow(UnreadableRequest);
  });
});

describe('writer: the document’s result, error and event examples', () => {
  it.each<[string, SimReturn, string]>([
    [
      'standard result',
      { kind: 'result', result: { type: 'standard' } },
      `<TelServiceReturn>
  <result>
    <standard/>
  </result>
</TelServiceReturn>`,
    ],
    [
      'no call',
      { kind: 'error', error: 'noCall' },
      `<TelServiceReturn>
  <error>
    <noCall/>
  </error>
</TelServiceReturn>`,
    ],
    [
      'PBX link out of service',
      { kind: 'error', error: 'pbxlinkOutOfService' },
      `<TelServiceReturn>
  <error>
    <pbxlinkOutOfService/>
  </error>
</TelServiceReturn>`,
    ],
    [
      'QualifyCall result',
      { kind: 'result', result: { type: 'qualifyCall', number: '1101' } },
      `<TelServiceReturn>
  <result>
    <qualifyCall>
      <number>1101</number>
    </qualifyCall>
  </result>
</TelServiceReturn>`,
    ],
    [
      'QueryDoNotDisturb result',
      { kind: 'result', result: { type: 'doNotDisturb', state: 'off' } },
      `<TelServiceReturn>
  <result>
    <doNotDisturb>
      <off/>
    </doNotDisturb>
  </result>
</TelServiceReturn>`,
    ],
    [
      'QueryForward example 1',
      { kind: 'result', result: { type: 'forwards', forwards: [{ number: '1102', type: 'immediate', state: 'on' }] } },
      `<TelServiceReturn>
  <result>
    <forwards>
      <forward>
        <number>1102</number>
        <type>
          <immediate/>
        </type>
        <state>
          <on/>
        </state>
      </forward>
    </forwards>
  </result>
</TelServiceReturn>`,
    ],
    [
      'QueryForward example 2',
      { kind: 'result', result: { type: 'forwards', forwards: [] } },
      `<TelServiceReturn>
  <result>
    <forwards/>
  </result>
</TelServiceReturn>`,
    ],
    [
      'SearchName, nothing found',
      { kind: 'result', result: { type: 'searchDirectory', parties: [] } },
      `<TelServiceReturn>
  <result>
    <searchDirectory/>
  </result>
</TelServiceReturn>`,
    ],
    [
      'SearchName, names found',
      {
        kind: 'result',
        result: {
          type: 'searchDirectory',
          parties: [
            { number: '+801', name: 'Marcel Jagger', numberType: 'work', company: 'uniGone' },
            { number: '+33160127764', name: 'Martin Jagger', numberType: 'home', company: 'uniGone' },
          ],
        },
      },
      `<TelServiceReturn>
  <result>
    <searchDirectory>
      <party>
        <number>+801</number>
        <name>Marcel Jagger</name>
        <numberType>
          <work/>
        </numberType>
        <company>uniGone</company>
      </party>
      <party>
        <number>+33160127764</number>
        <name>Martin Jagger</name>
        <numberType>
          <home/>
        </numberType>
        <company>uniGone</company>
      </party>
    </searchDirectory>
  </result>
</TelServiceReturn>`,
    ],
    [
      'Snapshot example 1',
      {
        kind: 'result',
        result: {
          type: 'snapshot',
          snapshot: {
            calls: [
              {
                id: '1',
                primCall: { state: 'alerting', otherParty: { number: '1101' }, duration: 0, isOutgoing: false, isConference: false },
                permittedServices: ['answerCall', 'divertCall'],
              },
            ],
            forwards: [],
            msgWaiting: 'off',
            doNotDisturb: 'off',
          },
        },
      },
      `<TelServiceReturn>
  <result>
    <snapshot>
      <calls>
        <call>
          <id>1</id>
          <primCall>
            <state>
              <alerting/>
            </state>
            <otherParty>
              <number>1101</number>
            </otherParty>
            <duration>0</duration>
            <isOutgoing>
              <false/>
            </isOutgoing>
            <isConference>
              <false/>
            </isConference>
          </primCall>
          <permittedServices>
            <answerCall/>
            <divertCall/>
          </permittedServices>
        </call>
      </calls>
      <forwards/>
      <msgWaiting>
        <off/>
      </msgWaiting>
      <doNotDisturb>
        <off/>
      </doNotDisturb>
    </snapshot>
  </result>
</TelServiceReturn>`,
    ],
  ])('%s', (_name, ret, xml) => {
    expect(writeReturn(ret)).toBe(compact(xml));
  });

  it.each<[string, SimEvent, string]>([
    [
      'Call example 1, first event',
      {
        deviceNumber: '1101',
        event: {
          type: 'call',
          call: {
            id: '1',
            primCall: { state: 'initiated', otherParty: { number: '' }, duration: 0, isOutgoing: true, isConference: false },
            permittedServices: ['dropCall'],
          },
        },
      },
      `<TelServiceEvent>
  <deviceNumber>1101</deviceNumber>
  <event>
    <call>
      <id>1</id>
      <primCall>
        <state>
          <initiated/>
        </state>
        <otherParty>
          <number/>
        </otherParty>
        <duration>0</duration>
        <isOutgoing>
          <true/>
        </isOutgoing>
        <isConference>
          <false/>
        </isConference>
      </primCall>
      <permittedServices>
        <dropCall/>
      </permittedServices>
    </call>
  </event>
</TelServiceEvent>`,
    ],
    [
      'Call example 3, consultation connected',
      {
        deviceNumber: '1101',
        event: {
          type: 'call',
          call: {
            id: '1',
            primCall: { state: 'hold', otherParty: { number: '1102' }, duration: 124, isOutgoing: true, isConference: false },
            secCall: { state: 'connected', otherParty: { number: '1103' }, duration: 0, isOutgoing: true, isConference: false },
            permittedServices: ['dropCall', 'holdCall', 'reconnectCall', 'alternateCall', 'transferCall', 'conferenceCall'],
          },
        },
      },
      `<TelServiceEvent>
  <deviceNumber>1101</deviceNumber>
  <event>
    <call>
      <id>1</id>
      <primCall>
        <state>
          <hold/>
        </state>
        <otherParty>
          <number>1102</number>
        </otherParty>
        <duration>124</duration>
        <isOutgoing>
          <true/>
        </isOutgoing>
        <isConference>
          <false/>
        </isConference>
      </primCall>
      <secCall>
        <state>
          <connected/>
        </state>
        <otherParty>
          <number>1103</number>
        </otherParty>
        <duration>0</duration>
        <isOutgoing>
          <true/>
        </isOutgoing>
        <isConference>
          <false/>
        </isConference>
      </secCall>
      <permittedServices>
        <dropCall/>
        <holdCall/>
        <reconnectCall/>
        <alternateCall/>
        <transferCall/>
        <conferenceCall/>
      </permittedServices>
    </call>
  </event>
</TelServiceEvent>`,
    ],
    [
      'Call example 5, a diverted call ringing',
      {
        deviceNumber: '1103',
        event: {
          type: 'call',
          call: {
            id: '1',
            primCall: {
              state: 'alerting',
              otherParty: { number: '1101' },
              firstCalledParty: { number: '1102' },
              lastRedirectionParty: { number: '1102' },
              duration: 0,
              isOutgoing: false,
              isConference: false,
            },
            permittedServices: ['answerCall', 'divertCall'],
          },
        },
      },
      `<TelServiceEvent>
  <deviceNumber>1103</deviceNumber>
  <event>
    <call>
      <id>1</id>
      <primCall>
        <state>
          <alerting/>
        </state>
        <otherParty>
          <number>1101</number>
        </otherParty>
        <firstCalledParty>
          <number>1102</number>
        </firstCalledParty>
        <lastRedirectionParty>
          <number>1102</number>
        </lastRedirectionParty>
        <duration>0</duration>
        <isOutgoing>
          <false/>
        </isOutgoing>
        <isConference>
          <false/>
        </isConference>
      </primCall>
      <permittedServices>
        <answerCall/>
        <divertCall/>
      </permittedServices>
    </call>
  </event>
</TelServiceEvent>`,
    ],
    [
      'Forward event example 1',
      { event: { type: 'forward', forward: { number: '1102', type: 'immediate', state: 'on' } } },
      `<TelServiceEvent>
  <event>
    <forward>
      <number>1102</number>
      <type>
        <immediate/>
      </type>
      <state>
        <on/>
      </state>
    </forward>
  </event>
</TelServiceEvent>`,
    ],
    [
      'Do not disturb event',
      { event: { type: 'doNotDisturb', state: 'on' } },
      `<TelServiceEvent>
  <event>
    <doNotDisturb>
      <on/>
    </doNotDisturb>
  </event>
</TelServiceEvent>`,
    ],
    [
      'Message waiting event',
      { event: { type: 'msgWaiting', state: 'on' } },
      `<TelServiceEvent>
  <event>
    <msgWaiting>
      <on/>
    </msgWaiting>
  </event>
</TelServiceEvent>`,
    ],
    [
      'Session event',
      { event: { type: 'session', session: 'pbxlinkOutOfService' } },
      `<TelServiceEvent>
  <event>
    <session>
      <pbxlinkOutOfService/>
    </session>
  </event>
</TelServiceEvent>`,
    ],
  ])('%s', (_name, ev, xml) => {
    expect(writeEvent(ev)).toBe(compact(xml));
  });

  it('escapes text, so a name cannot break the document', () => {
    expect(writeReturn({ kind: 'result', result: { type: 'qualifyCall', number: '1101', name: 'Smith & <Sons>' } })).toBe(
      '<TelServiceReturn><result><qualifyCall><number>1101</number><name>Smith &amp; &lt;Sons&gt;</name></qualifyCall></result></TelServiceReturn>',
    );
  });
});

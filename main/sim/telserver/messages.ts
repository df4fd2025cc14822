/**
 * The TelServices messages the demo TelServer handles, in the simulator's
 * own terms, written from the uniGone TelServer v1.7 document (not shared
 * with the console's connector, so the two cannot agree on a mistake).
 * Element names are the document's; numbers are strings; an enumeration
 * the document encodes as an empty element (`<state><on/></state>`) is a
 * string literal here.
 */

export type OnOff = 'on' | 'off';
export type NumberType = 'work' | 'home' | 'mobile' | 'ip';
export type ForwardType = 'immediate' | 'busy' | 'noAnswer' | 'immInt' | 'immExt' | 'busyInt' | 'busyExt' | 'noAnswerInt' | 'noAnswerExt';
export type AgentStateName = 'null' | 'loggedOff' | 'loggedOn' | 'busy' | 'notReady' | 'ready' | 'workingAfterCall';
export type CallStateName = 'initiated' | 'originated' | 'delivered' | 'queued' | 'alerting' | 'connected' | 'cleared' | 'failed' | 'hold';
export type Cause =
  | 'busy'
  | 'conference'
  | 'destNotObtainable'
  | 'droppedByOtherParty'
  | 'heldByOtherParty'
  | 'redirect'
  | 'retrievedByOtherParty'
  | 'transfer'
  | 'route';
export type Service =
  | 'alternateCall'
  | 'answerCall'
  | 'conferenceCall'
  | 'consultationCall'
  | 'divertCall'
  | 'dropCall'
  | 'holdCall'
  | 'makeCall'
  | 'reconnectCall'
  | 'retrieveCall'
  | 'transferCall';
export type SessionEventName =
  | 'sessionClosedByAdmin'
  | 'sessionClosedByTimeout'
  | 'sessionClosedByMonitoringReject'
  | 'sessionClosedByClient'
  | 'pbxlinkOutOfService'
  | 'pbxlinkInService';
export type ErrorCode =
  | 'pbxlinkOutOfService'
  | 'pbxReject'
  | 'pbxTimeout'
  | 'noCall'
  | 'noOpenSession'
  | 'sessionLimitExceeded'
  | 'reject'
  | 'invalidCredentials'
  | 'resourceError';

export const FORWARD_TYPES: readonly ForwardType[] = [
  'immediate',
  'busy',
  'noAnswer',
  'immInt',
  'immExt',
  'busyInt',
  'busyExt',
  'noAnswerInt',
  'noAnswerExt',
];
export const AGENT_STATES: readonly AgentStateName[] = ['null', 'loggedOff', 'loggedOn', 'busy', 'notReady', 'ready', 'workingAfterCall'];

export interface WireParty {
  number: string;
  name?: string;
  company?: string;
  numberType?: NumberType;
}

export interface WireCallLeg {
  state: CallStateName;
  otherParty: WireParty;
  addedParties?: WireParty[];
  firstCalledParty?: WireParty;
  lastRedirectionParty?: WireParty;
  duration: number;
  isOutgoing: boolean;
  isConference: boolean;
  callReference?: string;
  cause?: Cause;
}

export interface WireCall {
  id: string;
  primCall?: WireCallLeg;
  secCall?: WireCallLeg;
  permittedServices: Service[];
  /** Correlator data; the document: "may be used to carry the 'called number' … for Delivered and Queued events". */
  extraData?: string;
}

export interface WireForward {
  number: string;
  type: ForwardType;
  state: OnOff;
}

export interface WireAgent {
  state: AgentStateName;
  permittedStates: AgentStateName[];
}

export interface WireHistoryRecord {
  deviceNumber: string;
  creationDate: string;
  creationTime: string;
  otherParty: WireParty;
  alertingDuration: number;
  duration: number;
  isOutgoing: boolean;
  isConnected: boolean;
  /** The cause element's name, e.g. 'normal'. */
  cause: string;
}

export interface WireSnapshot {
  calls: WireCall[];
  forwards: WireForward[];
  msgWaiting: OnOff;
  doNotDisturb: OnOff;
  agent?: WireAgent;
}

// ---------------------------------------------------------------- requests

/** Every service of the document; the ones the sim does not simulate are answered `reject`. */
export const SERVICES = [
  'openSession',
  'closeSession',
  'addPartyToCall',
  'agentState',
  'alternateCall',
  'answerCall',
  'conferenceCall',
  'consultationCall',
  'divertCall',
  'doNotDisturb',
  'dropCall',
  'forward',
  'holdCall',
  'makeCall',
  'qualifyCall',
  'queryAgentState',
  'queryDoNotDisturb',
  'queryForward',
  'queryHistory',
  'queryMsgWaiting',
  'queryUserStatistics',
  'reconnectCall',
  'retrieveCall',
  'searchName',
  'searchNumber',
  'snapshot',
  'transferCall',
  'updateUserDirectory',
  'queryRoutingPointState',
  'queryRoutingPointStatistics',
  'resumeRoutingPoint',
  'startRoutingPoint',
  'stopRoutingPoint',
  'suspendRoutingPoint',
  'updateRoutingPoint',
  'updateDirectory',
] as const;
export type ServiceName = (typeof SERVICES)[number];

export type SimRequest =
  | {
      type: 'openSession';
      deviceNumber: string;
      eventUDPPort?: number;
      eventUpdate?: 'full' | 'restricted';
      userID?: string;
      userPassword?: string;
      sessionTimeout?: number;
    }
  | { type: 'closeSession'; deviceNumber: string; actualCloseSessionTimeout?: number; clientOnly?: boolean }
  | { type: 'addPartyToCall'; deviceNumber: string; otherNumber?: string; addedDeviceNumber: string }
  | { type: 'agentState'; deviceNumber: string; state: AgentStateName }
  | { type: 'answerCall'; deviceNumber: string; callingNumber?: string }
  | { type: 'consultationCall'; deviceNumber: string; otherNumber?: string; consultedDeviceNumber: string }
  | { type: 'divertCall'; deviceNumber: string; otherNumber?: string; divertedDeviceNumber: string }
  | { type: 'doNotDisturb'; deviceNumber: string; state: OnOff }
  | { type: 'dropCall' | 'holdCall' | 'retrieveCall'; deviceNumber: string; otherNumber?: string }
  | { type: 'alternateCall' | 'conferenceCall' | 'reconnectCall' | 'transferCall'; deviceNumber: string }
  | { type: 'forward'; deviceNumber: string; info: WireForward }
  | { type: 'makeCall'; deviceNumber: string; calledDeviceNumber: string }
  | { type: 'qualifyCall'; deviceNumber: string; answerCall?: boolean; needName?: boolean }
  | { type: 'queryAgentState' | 'queryDoNotDisturb' | 'queryForward' | 'queryMsgWaiting' | 'snapshot'; deviceNumber: string }
  | {
      type: 'queryHistory';
      recordType?: 'call' | 'agent' | 'all';
      deviceNumber?: string;
      userID?: string;
      startDate?: string;
      startHour?: number;
      endDate?: string;
      search?: string;
      limit?: number;
    }
  | { type: 'searchName'; userID?: string; deviceNumber?: string; name: string; limit?: number }
  | { type: 'searchNumber'; userID?: string; deviceNumber?: string; number: string }
  | { type: 'updateUserDirectory'; userID?: string; deviceNumber?: string; directoryName: string; parties: WireParty[] }
  | { type: 'queryUserStatistics'; deviceNumber: string; userID?: string; statisticsType: 'snapshot' | 'total' }
  /** Routing points and shared directories: read only as far as their name. */
  | { type: 'notSimulated'; service: ServiceName };

// ----------------------------------------------------------------- returns

export type SimResult =
  | { type: 'standard' }
  | { type: 'qualifyCall'; number: string; name?: string }
  | { type: 'agent'; agent: WireAgent }
  | { type: 'doNotDisturb' | 'msgWaiting'; state: OnOff }
  | { type: 'forwards'; forwards: WireForward[] }
  | { type: 'history'; records: WireHistoryRecord[] }
  | { type: 'searchDirectory'; parties: WireParty[] }
  | { type: 'snapshot'; snapshot: WireSnapshot }
  /** 'total': the counters in the document's order; 'snapshot': the agent's state now. */
  | {
      type: 'userStatistics';
      statistics: { kind: 'total'; fields: [string, string][] } | { kind: 'snapshot'; agentState?: AgentStateName };
    };

export type SimReturn = { kind: 'result'; result: SimResult } | { kind: 'error'; error: ErrorCode };

// ------------------------------------------------------------------ events

export type SimEventBody =
  | { type: 'call'; call: WireCall }
  | { type: 'agent'; agent: WireAgent }
  | { type: 'forward'; forward: WireForward }
  | { type: 'doNotDisturb' | 'msgWaiting'; state: OnOff }
  | { type: 'session'; session: SessionEventName };

export interface SimEvent {
  /** On call events, as in the document's examples; feature and session events carry none. */
  deviceNumber?: string;
  event: SimEventBody;
}

/**
 * TelServices (uniGone TelServer v1.7) messages as typed values: every
 * request, result, error and event of the protocol document. The codec turns
 * these into XML and back; nothing else in the product touches the XML.
 *
 * Names follow the document's element names so a reader can go from one to
 * the other. Numbers are strings. Enumerations encoded in XML as an empty
 * element (`<state><on/></state>`) are string literal unions here.
 */

export type OnOff = 'on' | 'off';
export type TsNumberType = 'work' | 'home' | 'mobile' | 'ip';

export const TS_FORWARD_TYPES = [
  'immediate',
  'busy',
  'noAnswer',
  'immInt',
  'immExt',
  'busyInt',
  'busyExt',
  'noAnswerInt',
  'noAnswerExt',
] as const;
export type TsForwardType = (typeof TS_FORWARD_TYPES)[number];

export const TS_AGENT_STATES = ['null', 'loggedOff', 'loggedOn', 'busy', 'notReady', 'ready', 'workingAfterCall'] as const;
export type TsAgentState = (typeof TS_AGENT_STATES)[number];

export const TS_CALL_STATES = [
  'initiated',
  'originated',
  'delivered',
  'queued',
  'alerting',
  'connected',
  'cleared',
  'failed',
  'hold',
] as const;
export type TsCallState = (typeof TS_CALL_STATES)[number];

export const TS_CAUSES = [
  'busy',
  'conference',
  'destNotObtainable',
  'droppedByOtherParty',
  'heldByOtherParty',
  'redirect',
  'retrievedByOtherParty',
  'transfer',
  'route',
] as const;
export type TsCause = (typeof TS_CAUSES)[number];

export const TS_SERVICES = [
  'alternateCall',
  'answerCall',
  'conferenceCall',
  'consultationCall',
  'divertCall',
  'dropCall',
  'holdCall',
  'makeCall',
  'reconnectCall',
  'retrieveCall',
  'transferCall',
] as const;
export type TsService = (typeof TS_SERVICES)[number];

export const TS_SESSION_EVENTS = [
  'sessionClosedByAdmin',
  'sessionClosedByTimeout',
  'sessionClosedByMonitoringReject',
  'sessionClosedByClient',
  'pbxlinkOutOfService',
  'pbxlinkInService',
] as const;
export type TsSessionEvent = (typeof TS_SESSION_EVENTS)[number];

export const TS_ERRORS = [
  'pbxlinkOutOfService',
  'pbxReject',
  'pbxTimeout',
  'noCall',
  'noOpenSession',
  'sessionLimitExceeded',
  'reject',
  'invalidCredentials',
  'resourceError',
] as const;
export type TsErrorCode = (typeof TS_ERRORS)[number];

export interface TsParty {
  /** May be '' (e.g. `<number/>` while dialing) or '*****-<ref>' when withheld. */
  number: string;
  name?: string;
  company?: string;
  numberType?: TsNumberType;
}

export interface TsCallLeg {
  state: TsCallState;
  otherParty: TsParty;
  addedParties?: TsParty[];
  firstOtherParty?: TsParty;
  firstCalledParty?: TsParty;
  lastRedirectionParty?: TsParty;
  /** Seconds since connected. */
  duration: number;
  isOutgoing: boolean;
  isConference: boolean;
  callReference?: string;
  cause?: TsCause;
}

export interface TsCallInfo {
  id: string;
  primCall?: TsCallLeg;
  secCall?: TsCallLeg;
  /** Absent and empty are different: absent = not reported. */
  permittedServices?: TsService[];
  extraData?: string;
}

export interface TsForwardInfo {
  number: string;
  type: TsForwardType;
  state: OnOff;
}

export interface TsAgentInfo {
  userID?: string;
  state: TsAgentState;
  timeout?: number;
  inboundServices?: string[];
  outboundServices?: string[];
  permittedStates?: TsAgentState[];
}

export interface TsHistoryRecord {
  deviceNumber?: string;
  userID?: string;
  creationDate: string;
  creationTime: string;
  otherParty?: TsParty;
  alertingDuration?: number;
  duration?: number;
  isOutgoing?: boolean;
  isConnected?: boolean;
  /** Cause element name as sent, e.g. 'normal'. */
  cause?: string;
  agentState?: TsAgentState;
}

// ---------------------------------------------------------------------------
// Requests (client → TelServer, over a TCP connection of their own)

export type TsRequest =
  | {
      type: 'openSession';
      deviceNumber: string;
      eventUDPPort?: number;
      eventUpdate?: 'full' | 'restricted';
      userID?: string;
      userPassword?: string;
      sessionTimeout?: number;
      startPbxMonitor?: boolean;
    }
  | { type: 'closeSession'; deviceNumber: string; actualCloseSessionTimeout?: number; clientOnly?: boolean }
  | { type: 'addPartyToCall'; deviceNumber: string; otherNumber?: string; addedDeviceNumber: string; extraData?: string }
  | { type: 'agentState'; deviceNumber: string; state: TsAgentState }
  | { type: 'alternateCall'; deviceNumber: string; primOtherNumber?: string; secOtherNumber?: string }
  | { type: 'answerCall'; deviceNumber: string; callingNumber?: string }
  | { type: 'conferenceCall'; deviceNumber: string; primOtherNumber?: string; secOtherNumber?: string }
  | { type: 'consultationCall'; deviceNumber: string; otherNumber?: string; consultedDeviceNumber: string; extraData?: string }
  | { type: 'divertCall'; deviceNumber: string; otherNumber?: string; divertedDeviceNumber: string; extraData?: string }
  | { type: 'doNotDisturb'; deviceNumber: string; state: OnOff }
  | { type: 'dropCall'; deviceNumber: string; otherNumber?: string }
  | { type: 'forward'; deviceNumber: string; info: TsForwardInfo }
  | { type: 'holdCall'; deviceNumber: string; otherNumber?: string }
  | { type: 'makeCall'; deviceNumber: string; calledDeviceNumber: string; extraData?: string }
  | { type: 'qualifyCall'; deviceNumber: string; answerCall?: boolean; needName?: boolean }
  | { type: 'queryAgentState'; deviceNumber: string }
  | { type: 'queryDoNotDisturb'; deviceNumber: string }
  | { type: 'queryForward'; deviceNumber: string }
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
  | { type: 'queryMsgWaiting'; deviceNumber: string }
  | { type: 'queryUserStatistics'; deviceNumber: string; userID?: string; statisticsType: 'snapshot' | 'total' }
  | { type: 'reconnectCall'; deviceNumber: string; primOtherNumber?: string; secOtherNumber?: string }
  | { type: 'retrieveCall'; deviceNumber: string; otherNumber?: string }
  | { type: 'searchName'; userID?: string; deviceNumber?: string; name: string; limit?: number }
  | { type: 'searchNumber'; userID?: string; deviceNumber?: string; number: string }
  | { type: 'snapshot'; deviceNumber: string; resultOnEvent?: { timeout: number; snapshotSeq: string } }
  | { type: 'transferCall'; deviceNumber: string; primOtherNumber?: string; secOtherNumber?: string }
  | { type: 'updateUserDirectory'; userID?: string; deviceNumber?: string; directoryName: string; parties: TsParty[] }
  // Supervisor services (not used by the console UI; encoded so the sim and tools can speak them)
  | { type: 'queryRoutingPointState'; service: string }
  | { type: 'queryRoutingPointStatistics'; service: string; statisticsType: 'snapshot' | 'total' }
  | { type: 'resumeRoutingPoint'; service: string }
  | { type: 'startRoutingPoint'; service: string; template?: string }
  | { type: 'stopRoutingPoint'; service: string }
  | { type: 'suspendRoutingPoint'; service: string }
  | { type: 'updateRoutingPoint'; service: string }
  | { type: 'updateDirectory'; directoryName: string };

export type TsRequestType = TsRequest['type'];

// ---------------------------------------------------------------------------
// Returns (TelServer → client, on the request's TCP connection)

export interface TsSnapshot {
  snapshotSeq?: string;
  calls?: TsCallInfo[];
  forwards?: TsForwardInfo[];
  msgWaiting?: OnOff;
  doNotDisturb?: OnOff;
  agent?: TsAgentInfo;
  session?: TsSessionEvent;
}

export type TsResult =
  | { type: 'standard' }
  | { type: 'qualifyCall'; number: string; name?: string }
  | { type: 'agent'; agent: TsAgentInfo }
  | { type: 'doNotDisturb'; state: OnOff }
  | { type: 'forwards'; forwards: TsForwardInfo[] }
  | { type: 'history'; records: TsHistoryRecord[] }
  | { type: 'msgWaiting'; state: OnOff }
  | { type: 'searchDirectory'; parties: TsParty[] }
  | { type: 'snapshot'; snapshot: TsSnapshot }
  /**
   * Statistics and routing-point results: kept as a generic tree (element
   * name → text or nested tree) because the console only displays them.
   */
  | { type: 'userStatistics' | 'routingPointStatistics'; statisticsType: 'snapshot' | 'total'; data: TsTree }
  | { type: 'routingPointState'; state: string };

export type TsTree = { [element: string]: string | TsTree | Array<string | TsTree> };

export type TsReturn = { kind: 'result'; result: TsResult } | { kind: 'error'; error: TsErrorCode };

// ---------------------------------------------------------------------------
// Events (TelServer → client, one per UDP datagram)

export type TsEventBody =
  | { type: 'call'; call: TsCallInfo }
  | { type: 'agent'; agent: TsAgentInfo }
  | { type: 'forward'; forward: TsForwardInfo }
  | { type: 'doNotDisturb'; state: OnOff }
  | { type: 'msgWaiting'; state: OnOff }
  | { type: 'session'; session: TsSessionEvent };

export interface TsEvent {
  /** Present on call events in the document's examples; absent on feature events. */
  deviceNumber?: string;
  event: TsEventBody;
}

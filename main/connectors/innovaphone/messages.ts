/**
 * The innovaphone PBX SOAP API (pbx10_00.wsdl and its document/literal
 * successor pbx11_00.wsdl, namespace http://innovaphone.com/pbx) as types:
 * the structures the console reads.
 */

export const PBX_NAMESPACE = 'http://innovaphone.com/pbx';

/** pbx10: pbx10_00.wsdl, rpc/encoded. pbx11: pbx11_00.wsdl, document/literal. */
export type Dialect = 'pbx10' | 'pbx11';

export interface PresenceRecord {
  status: string;
  activity: string;
  note: string;
}

export interface GroupRecord {
  group: string;
  active: boolean;
}

export interface UserInfo {
  active: boolean;
  /** 1 registered, 0 not. */
  state: number;
  /** Number of current calls. */
  channel: number;
  /** Number of alerting calls. */
  alert: number;
  type: string;
  guid: string;
  /** Empty in the UserInfo that ends the initial stream. */
  cn: string;
  e164: string;
  h323: string;
  dn: string;
  groups: GroupRecord[];
  /** One record in both WSDLs, "an array" in the document's prose: both are read, so a list. */
  presence: PresenceRecord[];
  cfg: boolean;
  node: string;
  loc: string;
}

/** A peer of a call: peer, leg2, leg2orig, leg1, ct, parked-to, picking, xfer … */
export interface NoRecord {
  type: string;
  cn: string;
  e164: string;
  h323: string;
  dn: string;
}

export interface InfoRecord {
  type: string;
  vals: string;
  vali: number;
}

export interface CallInfo {
  /** The user handle the call belongs to. */
  user: number;
  /** The call handle. */
  call: number;
  reg: number;
  active: boolean;
  /** Bit field: low nibble the phase, 0x80 outbound (PBX view), 0x100 held, 0x200 held by peer. */
  state: number;
  msg: string;
  no: NoRecord[];
  info: InfoRecord[];
}

export interface AnyInfo {
  user: UserInfo[];
  call: CallInfo[];
}

export interface VersionInfo {
  version: number;
  gkId: string;
  location: string;
  firmware: string;
  serial: string;
}

export interface DeviceInfo {
  hw: string;
  text: string;
}

/** The phase in CallInfo.state's low nibble. */
export const CALL_PHASE = {
  setup: 1,
  setupAck: 2,
  callProc: 3,
  alert: 4,
  connect: 5,
  disconnectSent: 6,
  disconnectReceived: 7,
  parked: 8,
} as const;

export const STATE_PHASE_MASK = 0x0f;
/** Set: the PBX sends the call to the terminal (an incoming call for the receptionist). */
export const STATE_OUTBOUND = 0x80;
export const STATE_HELD = 0x100;
export const STATE_HELD_BY_PEER = 0x200;

/** Remote control facility codes (UserRc): 4 joins the active and the held call in a three-party conference. */
export const RC_CONFERENCE = 4;

/** Q.931 cause "normal call clearing", sent with UserClear. */
export const CAUSE_NORMAL_CLEARING = 16;

/**
 * The PBX's records as the WSDLs define them (UserInfo, CallInfo, No, Info,
 * Group, Presence, Device, AnyInfo), the simulator's own types, and how each
 * is written in either dialect: field order by the WSDL sequence, arrays as
 * SOAP arrays (pbx10_00) or repeated elements (pbx11_00).
 */
import { wArray, wBool, wInt, wStr, wStruct, type WireField, type WireValue } from './wire';
import type { Dialect } from './wsdl';

export interface NoRecord {
  type: string;
  cn: string;
  dn: string;
  e164: string;
  h323: string;
}

export interface InfoRecord {
  type: string;
  vali: number;
  vals: string;
}

export interface CallInfoRecord {
  user: number;
  call: number;
  reg: number;
  active: boolean;
  state: number;
  no: NoRecord[];
  msg: string;
  info: InfoRecord[];
}

export interface GroupRecord {
  group: string;
  active: boolean;
}

export interface PresenceRecord {
  /** 'open' or 'closed' (inno:PresenceStatus). */
  status: string;
  /** An inno:PresenceActivity ('away', 'dnd' …) or ''. */
  activity: string;
  note: string;
}

export interface UserInfoRecord {
  active: boolean;
  cn: string;
  dn: string;
  type: string;
  e164: string;
  h323: string;
  state: number;
  channel: number;
  alert: number;
  guid: string;
  groups: GroupRecord[];
  loc: string;
  node: string;
  cfg: boolean;
  presence?: PresenceRecord;
}

export interface DeviceRecord {
  hw: string;
  text: string;
}

function noValue(no: NoRecord): WireValue {
  return wStruct('No', [
    ['type', wStr(no.type)],
    ['cn', wStr(no.cn)],
    ['dn', wStr(no.dn)],
    ['e164', wStr(no.e164)],
    ['h323', wStr(no.h323)],
  ]);
}

function infoValue(info: InfoRecord): WireValue {
  return wStruct('Info', [
    ['type', wStr(info.type)],
    ['vali', wInt(info.vali)],
    ['vals', wStr(info.vals)],
  ]);
}

export function callInfoValue(call: CallInfoRecord): WireValue {
  return wStruct('CallInfo', [
    ['user', wInt(call.user)],
    ['call', wInt(call.call)],
    ['reg', wInt(call.reg)],
    ['active', wBool(call.active)],
    ['state', wInt(call.state)],
    ['No', wArray('No', call.no.map(noValue))],
    ['msg', wStr(call.msg)],
    ['info', wArray('Info', call.info.map(infoValue))],
  ]);
}

function presenceValue(presence: PresenceRecord | undefined): WireValue {
  const fields: WireField[] = presence
    ? [
        ['status', wStr(presence.status)],
        ['activity', wStr(presence.activity)],
        ['note', wStr(presence.note)],
      ]
    : [];
  return wStruct('Presence', fields);
}

export function userInfoValue(dialect: Dialect, user: UserInfoRecord): WireValue {
  const groups = wArray(
    'Group',
    user.groups.map((g) =>
      wStruct('Group', [
        ['group', wStr(g.group)],
        ['active', wBool(g.active)],
      ]),
    ),
  );
  const fields: WireField[] = [
    ['active', wBool(user.active)],
    ['cn', wStr(user.cn)],
    ['dn', wStr(user.dn)],
    ['type', wStr(user.type)],
    ['e164', wStr(user.e164)],
    ['h323', wStr(user.h323)],
    ['state', wInt(user.state)],
    ['channel', wInt(user.channel)],
    ['alert', wInt(user.alert)],
    ['guid', wStr(user.guid)],
    ['groups', groups],
    ['loc', wStr(user.loc)],
    ['node', wStr(user.node)],
    ['cfg', wBool(user.cfg)],
  ];
  // pbx10_00: presence is optional (minOccurs 0); pbx11_00: always there (minOccurs 1), empty when unknown.
  if (user.presence || dialect === 'pbx11_00') fields.push(['presence', presenceValue(user.presence)]);
  return wStruct('UserInfo', fields);
}

export function deviceValue(device: DeviceRecord): WireValue {
  return wStruct('Device', [
    ['hw', wStr(device.hw)],
    ['text', wStr(device.text)],
  ]);
}

/** Poll's AnyInfo: user and call events (reg and info are "currently not used"). */
export function anyInfoValue(dialect: Dialect, users: UserInfoRecord[], calls: CallInfoRecord[]): WireValue {
  return wStruct('AnyInfo', [
    [
      'user',
      wArray(
        'UserInfo',
        users.map((u) => userInfoValue(dialect, u)),
      ),
    ],
    ['call', wArray('CallInfo', calls.map(callInfoValue))],
  ]);
}

/** FindUser's UserInfoArray: pbx10_00 a SOAP array; pbx11_00 one `return` holding repeated `user`. */
export function userInfoArrayValue(dialect: Dialect, users: UserInfoRecord[]): WireValue {
  return wArray(
    'UserInfo',
    users.map((u) => userInfoValue(dialect, u)),
    'user',
  );
}

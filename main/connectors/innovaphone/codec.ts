/**
 * innovaphone PBX SOAP codec, in the two dialects a PBX offers:
 *
 * - `pbx10` — pbx10_00.wsdl, SOAP 1.1 rpc/encoded: SOAPAction
 *   `http://innovaphone.com/pbx#Op`, parts unqualified with xsi:type,
 *   arrays as soapenc:Array of `item`s.
 * - `pbx11` — pbx11_00.wsdl, document/literal: SOAPAction
 *   `http://innovaphone.com/pbx/Op`, qualified elements, an array is its
 *   members repeated, Version answers `VersionResult`, Initialize and
 *   FindUser carry `vx1100`.
 *
 * A PBX's SOAP stack binds a request by the WSDL's part names, so every
 * request carries every part the WSDL declares, under the WSDL's name, in
 * its order and of its type — where the API document's prose names a part
 * differently (UserTransfer's `acall`/`bcall`, FindUser's boolean `next`),
 * the WSDL wins. codec.wsdl.test.ts holds both WSDL files to that.
 *
 * Replies are read leniently: real PBXs differ from their WSDL between
 * firmware versions, so decoding does not depend on the names of array
 * members or on field order, and ignores elements it does not know.
 */
import { buildEnvelope, readSoapBody, SoapArray, SoapStruct, type SoapValue } from '../shared/soap';
import { attributeOf, fieldsOf, type XmlNode } from '../shared/xml';
import {
  PBX_NAMESPACE,
  type AnyInfo,
  type CallInfo,
  type DeviceInfo,
  type Dialect,
  type GroupRecord,
  type InfoRecord,
  type NoRecord,
  type PresenceRecord,
  type UserInfo,
  type VersionInfo,
} from './messages';

export type PbxRequest =
  | { op: 'Version' }
  | { op: 'Initialize'; user: string; appl: string }
  | { op: 'Echo'; session: number; key: number }
  | { op: 'End'; session: number }
  | { op: 'UserInitialize'; session: number; user: string; xfer: boolean; disc: boolean; hw: string }
  | { op: 'UserEnd'; user: number }
  | { op: 'Poll'; session: number }
  | { op: 'Calls'; session: number; user: string }
  | { op: 'Devices'; session: number; user: string }
  /** `next`: 0 for the first page, 1 for the pages after it (an xsd:int in both WSDLs). */
  | { op: 'FindUser'; cn: string; h323: string; e164: string; count: number; next: number; nohide: boolean }
  | { op: 'UserCall'; user: number; cn: string; e164: string; h323: string; rc: number; srce164: string }
  | { op: 'UserConnect'; call: number }
  | { op: 'UserClear'; call: number; cause: number }
  | { op: 'UserHold'; call: number; remote: boolean }
  | { op: 'UserRetrieve'; call: number }
  /** `a` and `b`: the two calls joined (the WSDL's part names; the document's prose says acall/bcall). */
  | { op: 'UserTransfer'; a: number; b: number }
  | { op: 'UserRedirect'; call: number; cn: string; e164: string; h323: string; rc: number }
  | { op: 'UserPickup'; user: number; cn: string; call: number; group: string }
  | { op: 'UserPark'; call: number; cn: string; position: number }
  | { op: 'UserRc'; call: number; rc: number };

export type PbxOperation = PbxRequest['op'];

/** Every operation the console sends (the WSDL test checks each one against both WSDLs). */
export const PBX_OPERATIONS: readonly PbxOperation[] = [
  'Version',
  'Initialize',
  'Echo',
  'End',
  'UserInitialize',
  'UserEnd',
  'Poll',
  'Calls',
  'Devices',
  'FindUser',
  'UserCall',
  'UserConnect',
  'UserClear',
  'UserHold',
  'UserRetrieve',
  'UserTransfer',
  'UserRedirect',
  'UserPickup',
  'UserPark',
  'UserRc',
];

export interface EncodedRequest {
  soapAction: string;
  body: string;
}

/** The interface version is selected by these flags in Initialize and FindUser; pbx11_00 replaces vx1000 by vx1100. */
const versionFlags = (dialect: Dialect) => ['v501', 'v700', 'v800', dialect === 'pbx11' ? 'vx1100' : 'vx1000'];

/** InfoArray parts are "currently ignored" by the PBX, but declared: sent empty (in pbx11, zero repeated elements). */
const emptyInfo = () => new SoapArray('Info', []);

/**
 * The pbx10_00 binding's soap:operation and soap:body namespace: the WSDL
 * gives two operations a SOAPAction and a namespace of their own.
 */
const PBX10_BINDING_EXCEPTIONS: Partial<Record<PbxOperation, { soapAction?: string; namespace?: string }>> = {
  Echo: { namespace: 'http://innovaphone/binding' },
  UserEnd: { soapAction: 'capeconnect:pbx:pbxPortType#UserEnd', namespace: 'http://innovaphone/binding' },
};

/** The SOAPAction and the operation element's namespace the dialect's WSDL binding declares for an operation. */
export function bindingOf(op: PbxOperation, dialect: Dialect): { soapAction: string; namespace: string } {
  if (dialect === 'pbx11') return { soapAction: `${PBX_NAMESPACE}/${op}`, namespace: PBX_NAMESPACE };
  const exception = PBX10_BINDING_EXCEPTIONS[op];
  return { soapAction: exception?.soapAction ?? `${PBX_NAMESPACE}#${op}`, namespace: exception?.namespace ?? PBX_NAMESPACE };
}

/** Request parts in WSDL order, under the WSDL's names (the same in both dialects but for the version flag). */
export function requestParts(request: PbxRequest, dialect: Dialect = 'pbx10'): [string, SoapValue][] {
  switch (request.op) {
    case 'Version':
      return [];
    case 'Initialize':
      return [
        ['user', request.user],
        ['appl', request.appl],
        ['v', true],
        ...versionFlags(dialect).map((f): [string, SoapValue] => [f, true]),
      ];
    case 'Echo':
      return [
        ['session', request.session],
        ['key', request.key],
      ];
    case 'End':
      return [['session', request.session]];
    case 'UserInitialize':
      return [
        ['session', request.session],
        ['user', request.user],
        ['xfer', request.xfer],
        ['disc', request.disc],
        ['hw', request.hw],
      ];
    case 'UserEnd':
      return [['user', request.user]];
    case 'Poll':
      return [['session', request.session]];
    case 'Calls':
    case 'Devices':
      return [
        ['session', request.session],
        ['user', request.user],
      ];
    case 'FindUser':
      return [
        // "must be set to a non-empty value" (xsd:string in both WSDLs)
        ...versionFlags(dialect).map((f): [string, SoapValue] => [f, '1']),
        ['cn', request.cn],
        ['h323', request.h323],
        ['e164', request.e164],
        ['count', request.count],
        ['next', Math.trunc(request.next)],
        ['nohide', request.nohide],
      ];
    case 'UserCall':
      return [
        ['user', request.user],
        ['cn', request.cn],
        ['e164', request.e164],
        ['h323', request.h323],
        ['reg', 0],
        ['info', emptyInfo()],
        ['rc', request.rc],
        ['srce164', request.srce164],
      ];
    case 'UserConnect':
    case 'UserRetrieve':
      return [['call', request.call]];
    case 'UserClear':
      return [
        ['call', request.call],
        ['cause', request.cause],
        ['info', emptyInfo()],
      ];
    case 'UserHold':
      return [
        ['call', request.call],
        ['remote', request.remote],
      ];
    case 'UserTransfer':
      return [
        ['a', request.a],
        ['b', request.b],
      ];
    case 'UserRedirect':
      return [
        ['call', request.call],
        ['cn', request.cn],
        ['e164', request.e164],
        ['h323', request.h323],
        ['info', emptyInfo()],
        ['rc', request.rc],
      ];
    case 'UserPickup':
      return [
        ['user', request.user],
        ['cn', request.cn],
        ['call', request.call],
        ['group', request.group],
        ['reg', 0],
        ['info', emptyInfo()],
      ];
    case 'UserPark':
      return [
        ['call', request.call],
        ['cn', request.cn],
        ['position', request.position],
      ];
    case 'UserRc':
      return [
        ['call', request.call],
        ['rc', request.rc],
      ];
  }
}

export function encodeRequest(request: PbxRequest, dialect: Dialect = 'pbx10'): EncodedRequest {
  const { soapAction, namespace } = bindingOf(request.op, dialect);
  return {
    soapAction,
    body: buildEnvelope({
      namespace,
      typeNamespace: PBX_NAMESPACE,
      operation: request.op,
      parts: requestParts(request, dialect),
      encoded: dialect === 'pbx10',
    }),
  };
}

// ---------------------------------------------------------------------------
// Replies

/** Reads a reply envelope: the `<Op>Response` element (throws SoapFault / SoapFormatError). */
export function readResponse(xml: string, op: PbxOperation): XmlNode {
  return readSoapBody(xml, `The PBX's ${op} reply`);
}

/** The `return` part, else the first part (some stacks name it `result`). */
export function returnPart(response: XmlNode): XmlNode | undefined {
  for (const part of response.children) if (fieldName(part) === 'return') return part;
  return response.children[0];
}

export function decodeIntReturn(response: XmlNode): number {
  return toInt(returnPart(response)?.text);
}

export function decodeInitialize(response: XmlNode): { session: number; key: number } {
  const fields = fieldsOf(response);
  return { session: toInt((fields.get('return') ?? response.children[0])?.text), key: toInt(fields.get('key')?.text) };
}

/**
 * VersionResponse: pbx10_00 names its parts WSDLVersion, GatekeeperID,
 * Location, FirmwareVersion, SerialNumber; pbx11_00 says VersionResult for
 * the first. The document's prose names (gkId, firmware …) are read too.
 */
export function decodeVersion(response: XmlNode): VersionInfo {
  const f = fieldsOf(response);
  const text = (...names: string[]) => names.map((n) => f.get(n)?.text).find((t) => t !== undefined) ?? '';
  return {
    version: toInt(f.get('wsdlversion')?.text ?? f.get('versionresult')?.text ?? f.get('return')?.text ?? response.children[0]?.text),
    gkId: text('gatekeeperid', 'gkid'),
    location: text('location'),
    firmware: text('firmwareversion', 'firmware'),
    serial: text('serialnumber', 'serial'),
  };
}

export function decodeAnyInfo(response: XmlNode, dialect: Dialect = 'pbx10'): AnyInfo {
  const info = returnPart(response);
  const user: UserInfo[] = [];
  const call: CallInfo[] = [];
  if (!info) return { user, call };
  // One walk over AnyInfo's fields (a Poll reply is decoded on every turn): pbx10 reads the first `user` and `call`
  // array, pbx11 every repeated `user` and `call` element.
  let users = false;
  let calls = false;
  for (const field of info.children) {
    const name = fieldName(field);
    if (name === 'user') {
      if (dialect === 'pbx11') user.push(decodeUserInfo(field, dialect));
      else if (!users) {
        users = true;
        for (const member of field.children) user.push(decodeUserInfo(member, dialect));
      }
    } else if (name === 'call') {
      if (dialect === 'pbx11') call.push(decodeCallInfo(field, dialect));
      else if (!calls) {
        calls = true;
        for (const member of field.children) call.push(decodeCallInfo(member, dialect));
      }
    }
  }
  return { user, call };
}

/** Calls: pbx10 a CallInfoArray `return`; pbx11 the CallInfo records repeated in the response. */
export function decodeCallInfoArray(response: XmlNode, dialect: Dialect = 'pbx10'): CallInfo[] {
  return topLevelMembers(response, dialect).map((c) => decodeCallInfo(c, dialect));
}

/** FindUser: a UserInfoArray `return` in both dialects (of `item`s in pbx10, of repeated `user`s in pbx11). */
export function decodeUserInfoArray(response: XmlNode, dialect: Dialect = 'pbx10'): UserInfo[] {
  return members(returnPart(response)).map((u) => decodeUserInfo(u, dialect));
}

export function decodeDevices(response: XmlNode, dialect: Dialect = 'pbx10'): DeviceInfo[] {
  return topLevelMembers(response, dialect).map((node) => {
    const f = fieldsOf(node);
    return { hw: f.get('hw')?.text ?? '', text: f.get('text')?.text ?? '' };
  });
}

/*
 * The record decoders below walk a record's fields once, without a map of
 * them or a closure per record: they run for every UserInfo and CallInfo of
 * every Poll reply (bench:innovaphone times them against the parse). As with
 * fieldsOf, the first field of a name (any case) counts and unknown ones are
 * ignored.
 */

export function decodeUserInfo(node: XmlNode, dialect: Dialect = 'pbx10'): UserInfo {
  let active: string | undefined;
  let state: string | undefined;
  let channel: string | undefined;
  let alert: string | undefined;
  let type: string | undefined;
  let guid: string | undefined;
  let cn: string | undefined;
  let e164: string | undefined;
  let h323: string | undefined;
  let dn: string | undefined;
  let cfg: string | undefined;
  let nodeName: string | undefined;
  let loc: string | undefined;
  const groups: GroupRecord[] = [];
  const presence: PresenceRecord[] = [];
  let groupsRead = false;
  for (const field of node.children) {
    switch (fieldName(field)) {
      case 'active':
        active ??= field.text;
        break;
      case 'state':
        state ??= field.text;
        break;
      case 'channel':
        channel ??= field.text;
        break;
      case 'alert':
        alert ??= field.text;
        break;
      case 'type':
        type ??= field.text;
        break;
      case 'guid':
        guid ??= field.text;
        break;
      case 'cn':
        cn ??= field.text;
        break;
      case 'e164':
        e164 ??= field.text;
        break;
      case 'h323':
        h323 ??= field.text;
        break;
      case 'dn':
        dn ??= field.text;
        break;
      case 'cfg':
        cfg ??= field.text;
        break;
      case 'node':
        nodeName ??= field.text;
        break;
      case 'loc':
        loc ??= field.text;
        break;
      case 'groups':
        if (dialect === 'pbx11') groups.push(decodeGroup(field));
        else if (!groupsRead) {
          groupsRead = true;
          for (const member of field.children) groups.push(decodeGroup(member));
        }
        break;
      case 'presence':
        readPresence(field, presence);
        break;
      default:
        break;
    }
  }
  return {
    active: toBool(active, true),
    state: toInt(state),
    channel: toInt(channel),
    alert: toInt(alert),
    type: type ?? '',
    guid: guid ?? '',
    cn: cn ?? '',
    e164: e164 ?? '',
    h323: h323 ?? '',
    dn: dn ?? '',
    groups,
    presence,
    cfg: toBool(cfg, false),
    node: nodeName ?? '',
    loc: loc ?? '',
  };
}

function decodeGroup(node: XmlNode): GroupRecord {
  let group: string | undefined;
  let active: string | undefined;
  for (const field of node.children) {
    const name = fieldName(field);
    if (name === 'group') group ??= field.text;
    else if (name === 'active') active ??= field.text;
  }
  return { group: group ?? '', active: toBool(active, false) };
}

const PRESENCE_FIELDS = new Set(['status', 'activity', 'note']);

/**
 * UserInfo.presence: one Presence record in both WSDLs, "an array of
 * Presence records" in the document's prose — both are read: a soapenc
 * array, or an element whose children are not status/activity/note, is an
 * array of records; any other is the record itself.
 */
function readPresence(element: XmlNode, records: PresenceRecord[]): void {
  const isArray =
    attributeOf(element, 'arrayType') !== undefined ||
    (element.children.length > 0 && !element.children.some((c) => PRESENCE_FIELDS.has(fieldName(c))));
  if (!isArray) {
    records.push(decodePresence(element));
    return;
  }
  for (const record of element.children) records.push(decodePresence(record));
}

function decodePresence(node: XmlNode): PresenceRecord {
  let status: string | undefined;
  let activity: string | undefined;
  let note: string | undefined;
  for (const field of node.children) {
    const name = fieldName(field);
    if (name === 'status') status ??= field.text;
    else if (name === 'activity') activity ??= field.text;
    else if (name === 'note') note ??= field.text;
  }
  return { status: status ?? '', activity: activity ?? '', note: note ?? '' };
}

export function decodeCallInfo(node: XmlNode, dialect: Dialect = 'pbx10'): CallInfo {
  let user: string | undefined;
  let call: string | undefined;
  let reg: string | undefined;
  let active: string | undefined;
  let state: string | undefined;
  let message: string | undefined;
  const no: NoRecord[] = [];
  const info: InfoRecord[] = [];
  let noRead = false;
  let infoRead = false;
  for (const field of node.children) {
    switch (fieldName(field)) {
      case 'user':
        user ??= field.text;
        break;
      case 'call':
        call ??= field.text;
        break;
      case 'reg':
        reg ??= field.text;
        break;
      case 'active':
        active ??= field.text;
        break;
      case 'state':
        state ??= field.text;
        break;
      case 'msg':
        message ??= field.text;
        break;
      case 'no':
        if (dialect === 'pbx11') no.push(decodeNo(field));
        else if (!noRead) {
          noRead = true;
          for (const member of field.children) no.push(decodeNo(member));
        }
        break;
      case 'info':
        if (dialect === 'pbx11') info.push(decodeInfo(field));
        else if (!infoRead) {
          infoRead = true;
          for (const member of field.children) info.push(decodeInfo(member));
        }
        break;
      default:
        break;
    }
  }
  return {
    user: toInt(user),
    call: toInt(call),
    reg: toInt(reg),
    active: toBool(active, true),
    state: toInt(state),
    msg: message ?? '',
    no,
    info,
  };
}

function decodeNo(node: XmlNode): NoRecord {
  let type: string | undefined;
  let cn: string | undefined;
  let e164: string | undefined;
  let h323: string | undefined;
  let dn: string | undefined;
  for (const field of node.children) {
    switch (fieldName(field)) {
      case 'type':
        type ??= field.text;
        break;
      case 'cn':
        cn ??= field.text;
        break;
      case 'e164':
        e164 ??= field.text;
        break;
      case 'h323':
        h323 ??= field.text;
        break;
      case 'dn':
        dn ??= field.text;
        break;
      default:
        break;
    }
  }
  return { type: type ?? '', cn: cn ?? '', e164: e164 ?? '', h323: h323 ?? '', dn: dn ?? '' };
}

function decodeInfo(node: XmlNode): InfoRecord {
  let type: string | undefined;
  let vals: string | undefined;
  let vali: string | undefined;
  for (const field of node.children) {
    const name = fieldName(field);
    if (name === 'type') type ??= field.text;
    else if (name === 'vals') vals ??= field.text;
    else if (name === 'vali') vali ??= field.text;
  }
  return { type: type ?? '', vals: vals ?? '', vali: toInt(vali) };
}

/** A field's name as the decoders compare it: lower case (firmware versions differ in case). */
function fieldName(node: XmlNode): string {
  return node.name.toLowerCase();
}

/** The records of a reply that is one array (Calls, Devices): pbx10 its `return`'s children, pbx11 its own. */
function topLevelMembers(response: XmlNode, dialect: Dialect): XmlNode[] {
  return dialect === 'pbx11' ? response.children : members(returnPart(response));
}

/** Every child element of an array, whatever its members are called (item, UserInfo, …). */
function members(node: XmlNode | undefined): XmlNode[] {
  return node ? node.children : [];
}

function toInt(text: string | undefined): number {
  if (!text) return 0;
  const n = Number.parseInt(text, 10);
  return Number.isFinite(n) ? n : 0;
}

function toBool(text: string | undefined, fallback: boolean): boolean {
  if (text === undefined || text === '') return fallback;
  return text === 'true' || text === '1';
}

// ---------------------------------------------------------------------------
// Writing replies (fixtures for the decoder's tests and the XML benchmark; the simulator writes its own)

export function encodeResponse(op: PbxOperation, parts: [string, SoapValue][], dialect: Dialect = 'pbx10'): string {
  return buildEnvelope({ namespace: PBX_NAMESPACE, operation: `${op}Response`, parts, encoded: dialect === 'pbx10' });
}

export function userInfoValue(user: UserInfo): SoapStruct {
  return new SoapStruct('UserInfo', [
    ['active', user.active],
    ['state', user.state],
    ['channel', user.channel],
    ['alert', user.alert],
    ['type', user.type],
    ['guid', user.guid],
    ['cn', user.cn],
    ['e164', user.e164],
    ['h323', user.h323],
    ['dn', user.dn],
    [
      'groups',
      new SoapArray(
        'Group',
        user.groups.map(
          (g) =>
            new SoapStruct('Group', [
              ['group', g.group],
              ['active', g.active],
            ]),
        ),
      ),
    ],
    // One Presence record, as both WSDLs declare it.
    ...user.presence.slice(0, 1).map((p): [string, SoapValue] => [
      'presence',
      new SoapStruct('Presence', [
        ['status', p.status],
        ['activity', p.activity],
        ['note', p.note],
      ]),
    ]),
    ['cfg', user.cfg],
    ['node', user.node],
    ['loc', user.loc],
  ]);
}

export function callInfoValue(call: CallInfo): SoapStruct {
  return new SoapStruct('CallInfo', [
    ['user', call.user],
    ['call', call.call],
    ['reg', call.reg],
    ['active', call.active],
    ['state', call.state],
    ['msg', call.msg],
    [
      'No',
      new SoapArray(
        'No',
        call.no.map(
          (n) =>
            new SoapStruct('No', [
              ['type', n.type],
              ['cn', n.cn],
              ['e164', n.e164],
              ['h323', n.h323],
              ['dn', n.dn],
            ]),
        ),
      ),
    ],
    [
      'info',
      new SoapArray(
        'Info',
        call.info.map(
          (i) =>
            new SoapStruct('Info', [
              ['type', i.type],
              ['vals', i.vals],
              ['vali', i.vali],
            ]),
        ),
      ),
    ],
  ]);
}

export function anyInfoValue(info: AnyInfo): SoapStruct {
  return new SoapStruct('AnyInfo', [
    ['user', new SoapArray('UserInfo', info.user.map(userInfoValue))],
    ['call', new SoapArray('CallInfo', info.call.map(callInfoValue))],
    ['reg', new SoapArray('RegInfo', [])],
    ['info', new SoapArray('InfoInfo', [])],
  ]);
}

/**
 * innovaphone PBX SOAP codec (SOAP 1.1 rpc/encoded, pbx10_00.wsdl):
 * requests → envelopes with every part the v10 interface declares, and
 * replies → typed structures. Real PBXs differ from their WSDL between
 * firmware versions, so decoding never depends on the names of array
 * members or on field order, and ignores elements it does not know.
 * The simulator uses the same module to read requests and write replies.
 */
import { buildEnvelope, readSoapBody, SoapArray, SoapStruct, type SoapValue } from '../shared/soap';
import { fieldsOf, type XmlNode } from '../shared/xml-reader';
import {
  PBX_NAMESPACE,
  type AnyInfo,
  type CallInfo,
  type DeviceInfo,
  type InfoRecord,
  type NoRecord,
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
  | { op: 'FindUser'; cn: string; h323: string; e164: string; count: number; next: boolean; nohide: boolean }
  | { op: 'UserCall'; user: number; cn: string; e164: string; h323: string; rc: number; srce164: string }
  | { op: 'UserConnect'; call: number }
  | { op: 'UserClear'; call: number; cause: number }
  | { op: 'UserHold'; call: number; remote: boolean }
  | { op: 'UserRetrieve'; call: number }
  | { op: 'UserTransfer'; a: number; b: number }
  | { op: 'UserRedirect'; call: number; cn: string; e164: string; h323: string; rc: number }
  | { op: 'UserPickup'; user: number; cn: string; call: number; group: string }
  | { op: 'UserPark'; call: number; cn: string; position: number }
  | { op: 'UserRc'; call: number; rc: number };

export type PbxOperation = PbxRequest['op'];

export interface EncodedRequest {
  soapAction: string;
  body: string;
}

/** The v10 interface is selected by these flags in Initialize and FindUser. */
const VERSION_FLAGS = ['v501', 'v700', 'v800', 'vx1000'] as const;

/** InfoArray parts are "currently ignored" by the PBX, but declared: always sent, empty. */
const emptyInfo = () => new SoapArray('Info', []);

/** Request parts in WSDL order. */
export function requestParts(request: PbxRequest): [string, SoapValue][] {
  switch (request.op) {
    case 'Version':
      return [];
    case 'Initialize':
      return [['user', request.user], ['appl', request.appl], ['v', true], ...VERSION_FLAGS.map((f): [string, SoapValue] => [f, true])];
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
        ...VERSION_FLAGS.map((f): [string, SoapValue] => [f, '1']),
        ['cn', request.cn],
        ['h323', request.h323],
        ['e164', request.e164],
        ['count', request.count],
        ['next', request.next],
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
      // Part names as the API document gives them: UserTransfer(int acall, integer bcall).
      return [
        ['acall', request.a],
        ['bcall', request.b],
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

export function encodeRequest(request: PbxRequest): EncodedRequest {
  return {
    soapAction: `${PBX_NAMESPACE}#${request.op}`,
    body: buildEnvelope({ namespace: PBX_NAMESPACE, operation: request.op, parts: requestParts(request) }),
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
  return fieldsOf(response).get('return') ?? response.children[0];
}

export function decodeIntReturn(response: XmlNode): number {
  return toInt(returnPart(response)?.text);
}

export function decodeInitialize(response: XmlNode): { session: number; key: number } {
  const fields = fieldsOf(response);
  return { session: toInt((fields.get('return') ?? response.children[0])?.text), key: toInt(fields.get('key')?.text) };
}

export function decodeVersion(response: XmlNode): VersionInfo {
  const f = fieldsOf(response);
  return {
    version: toInt((f.get('return') ?? response.children[0])?.text),
    gkId: f.get('gkid')?.text ?? '',
    location: f.get('location')?.text ?? '',
    firmware: f.get('firmware')?.text ?? '',
    serial: f.get('serial')?.text ?? '',
  };
}

export function decodeAnyInfo(response: XmlNode): AnyInfo {
  const info = returnPart(response);
  if (!info) return { user: [], call: [] };
  const f = fieldsOf(info);
  return { user: members(f.get('user')).map(decodeUserInfo), call: members(f.get('call')).map(decodeCallInfo) };
}

export function decodeCallInfoArray(response: XmlNode): CallInfo[] {
  return members(returnPart(response)).map(decodeCallInfo);
}

export function decodeUserInfoArray(response: XmlNode): UserInfo[] {
  return members(returnPart(response)).map(decodeUserInfo);
}

export function decodeDevices(response: XmlNode): DeviceInfo[] {
  return members(returnPart(response)).map((node) => {
    const f = fieldsOf(node);
    return { hw: f.get('hw')?.text ?? '', text: f.get('text')?.text ?? '' };
  });
}

export function decodeUserInfo(node: XmlNode): UserInfo {
  const f = fieldsOf(node);
  const text = (name: string) => f.get(name)?.text ?? '';
  return {
    active: toBool(f.get('active')?.text, true),
    state: toInt(f.get('state')?.text),
    channel: toInt(f.get('channel')?.text),
    alert: toInt(f.get('alert')?.text),
    type: text('type'),
    guid: text('guid'),
    cn: text('cn'),
    e164: text('e164'),
    h323: text('h323'),
    dn: text('dn'),
    groups: members(f.get('groups')).map((g) => {
      const gf = fieldsOf(g);
      return { group: gf.get('group')?.text ?? '', active: toBool(gf.get('active')?.text, false) };
    }),
    presence: members(f.get('presence')).map((p) => {
      const pf = fieldsOf(p);
      return { status: pf.get('status')?.text ?? '', activity: pf.get('activity')?.text ?? '', note: pf.get('note')?.text ?? '' };
    }),
    cfg: toBool(f.get('cfg')?.text, false),
    node: text('node'),
    loc: text('loc'),
  };
}

export function decodeCallInfo(node: XmlNode): CallInfo {
  const f = fieldsOf(node);
  return {
    user: toInt(f.get('user')?.text),
    call: toInt(f.get('call')?.text),
    reg: toInt(f.get('reg')?.text),
    active: toBool(f.get('active')?.text, true),
    state: toInt(f.get('state')?.text),
    msg: f.get('msg')?.text ?? '',
    no: members(f.get('no')).map(decodeNo),
    info: members(f.get('info')).map(decodeInfo),
  };
}

function decodeNo(node: XmlNode): NoRecord {
  const f = fieldsOf(node);
  const text = (name: string) => f.get(name)?.text ?? '';
  return { type: text('type'), cn: text('cn'), e164: text('e164'), h323: text('h323'), dn: text('dn') };
}

function decodeInfo(node: XmlNode): InfoRecord {
  const f = fieldsOf(node);
  return { type: f.get('type')?.text ?? '', vals: f.get('vals')?.text ?? '', vali: toInt(f.get('vali')?.text) };
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
// Writing replies (the simulator, and tests of the decoder)

export function encodeResponse(op: PbxOperation, parts: [string, SoapValue][]): string {
  return buildEnvelope({ namespace: PBX_NAMESPACE, operation: `${op}Response`, parts });
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
    [
      'presence',
      new SoapArray(
        'Presence',
        user.presence.map(
          (p) =>
            new SoapStruct('Presence', [
              ['status', p.status],
              ['activity', p.activity],
              ['note', p.note],
            ]),
        ),
      ),
    ],
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

/** A request as the simulator reads it: the operation and its parts by (lower-cased) name. */
export interface ReceivedRequest {
  op: string;
  parts: Map<string, XmlNode>;
}

export function readRequest(xml: string): ReceivedRequest {
  const operation = readSoapBody(xml, 'The SOAP request');
  return { op: operation.name, parts: fieldsOf(operation) };
}

export const partText = (request: ReceivedRequest, name: string): string => request.parts.get(name.toLowerCase())?.text ?? '';
export const partInt = (request: ReceivedRequest, name: string): number => toInt(partText(request, name));
export const partBool = (request: ReceivedRequest, name: string): boolean => toBool(partText(request, name), false);

/**
 * What the demo PBX knows of the innovaphone WSDLs (shared/seeds:
 * innovaphone-pbx10_00.wsdl and innovaphone-pbx11_00.wsdl): the two
 * dialects, and for every operation the simulator serves its request parts,
 * their types and which of them a request must carry. Written from the
 * WSDLs, never from the connector, so the two cannot agree on a mistake.
 *
 * - pbx10_00: rpc/encoded. SOAPAction `http://innovaphone.com/pbx#Op`; the
 *   operation element is in the binding's namespace (http://innovaphone.com/pbx,
 *   but http://innovaphone/binding for Echo and UserEnd); parts are
 *   unqualified children; arrays are SOAP-encoded (soapenc:arrayType, `item`).
 * - pbx11_00: document/literal. SOAPAction `http://innovaphone.com/pbx/Op`;
 *   the element and every child are qualified in http://innovaphone.com/pbx
 *   (elementFormDefault="qualified"); arrays are repeated elements.
 *
 * Which parts are required: the ones pbx11_00 gives minOccurs="1" (pbx10_00
 * says nothing, an rpc part list is the call's signature), except the parts
 * the API document says the PBX ignores ("Arguments reg and info are
 * currently ignored"), which may be left out in either dialect.
 */

export type Dialect = 'pbx10_00' | 'pbx11_00';

export const PBX_NS = 'http://innovaphone.com/pbx';
/** The pbx10_00 binding's namespace for Echo and UserEnd (sic). */
export const BINDING_NS = 'http://innovaphone/binding';

/** The WSDL version number Version reports per dialect (the vx1000 / vx1100 generation). */
export const WSDL_VERSION: Record<Dialect, number> = { pbx10_00: 1000, pbx11_00: 1100 };

/** pbx10_00's one SOAPAction outside the `…/pbx#Op` pattern (sic, a CapeConnect leftover). */
const PBX10_USER_END_ACTION = 'capeconnect:pbx:pbxPortType#UserEnd';

export function soapActionOf(dialect: Dialect, op: string): string {
  if (dialect === 'pbx10_00') return op === 'UserEnd' ? PBX10_USER_END_ACTION : `${PBX_NS}#${op}`;
  return `${PBX_NS}/${op}`;
}

const SOAP_ACTION = /^http:\/\/innovaphone\.com\/pbx([#/])([A-Za-z0-9]+)$/;

/** The dialect and operation a SOAPAction names, if it is one of the WSDLs' (undefined otherwise). */
export function operationOfSoapAction(action: string): { dialect: Dialect; op: string } | undefined {
  if (action === PBX10_USER_END_ACTION) return { dialect: 'pbx10_00', op: 'UserEnd' };
  const match = SOAP_ACTION.exec(action);
  if (!match?.[2]) return undefined;
  const dialect: Dialect = match[1] === '#' ? 'pbx10_00' : 'pbx11_00';
  return soapActionOf(dialect, match[2]) === action ? { dialect, op: match[2] } : undefined;
}

/** The namespace of an operation's request and response element. */
export function operationNamespace(dialect: Dialect, op: string): string {
  return dialect === 'pbx10_00' && (op === 'Echo' || op === 'UserEnd') ? BINDING_NS : PBX_NS;
}

/** The request and response element names (pbx11_00 calls the UserInfo operation's element UserInfoTx). */
export function requestElementOf(dialect: Dialect, op: string): string {
  return dialect === 'pbx11_00' && op === 'UserInfo' ? 'UserInfoTx' : op;
}

export function responseElementOf(dialect: Dialect, op: string): string {
  return `${requestElementOf(dialect, op)}Response`;
}

/** A request part's type: the simple types, `Info[]` (InfoArray / repeated inno:Info) and the Presence record. */
export type PartType = 'int' | 'boolean' | 'string' | 'Info[]' | 'Presence';

export interface PartSpec {
  name: string;
  type: PartType;
  required: boolean;
}

const int = (name: string, required = true): PartSpec => ({ name, type: 'int', required });
const bool = (name: string, required = true): PartSpec => ({ name, type: 'boolean', required });
const str = (name: string, required = false): PartSpec => ({ name, type: 'string', required });
/** A part the API document says the PBX ignores: typed, but optional. */
const ignoredInt = (name: string): PartSpec => ({ name, type: 'int', required: false });
const infos: PartSpec = { name: 'info', type: 'Info[]', required: false };

/** The Initialize / FindUser version flags: pbx10_00 ends with vx1000, pbx11_00 with vx1100. */
export function versionFlag(dialect: Dialect): string {
  return dialect === 'pbx10_00' ? 'vx1000' : 'vx1100';
}

/** The request parts of the operations the demo PBX serves, in WSDL order. */
export function requestParts(dialect: Dialect, op: string): readonly PartSpec[] | undefined {
  const vx = versionFlag(dialect);
  switch (op) {
    case 'Version':
      return [];
    case 'Echo':
      return [int('session'), int('key')];
    case 'Initialize':
      // The document: "v, v501, v700, v800 and vx1000 must be present and set to true".
      return [str('user'), str('appl'), bool('v'), bool('v501'), bool('v700'), bool('v800'), bool(vx)];
    case 'End':
    case 'Poll':
      return [int('session')];
    case 'Calls':
    case 'Devices':
      return [int('session'), str('user')];
    case 'UserInitialize':
      return [int('session'), str('user'), bool('xfer'), bool('disc'), str('hw')];
    case 'UserEnd':
      return [int('user')];
    case 'UserCall':
      return [int('user'), str('cn'), str('e164'), str('h323'), ignoredInt('reg'), infos, int('rc'), str('srce164')];
    case 'UserClear':
      return [int('call'), int('cause'), infos];
    case 'UserConnect':
    case 'UserRetrieve':
      return [int('call')];
    case 'UserRc':
      return [int('call'), int('rc')];
    case 'UserDTMF':
      return [int('call'), bool('recv'), str('dtmf')];
    case 'UserPickup':
      return [int('user'), str('cn'), int('call'), str('group'), ignoredInt('reg'), infos];
    case 'UserRedirect':
      return [int('call'), str('cn'), str('e164'), str('h323'), infos, int('rc')];
    case 'UserReroute':
      return [int('call'), str('cn'), str('e164'), str('h323'), infos];
    case 'UserTransfer':
      return [int('a'), int('b')];
    case 'UserHold':
      return [int('call'), bool('remote')];
    case 'UserPark':
      return [int('call'), str('cn'), int('position')];
    case 'FindUser':
      // The document: "v501, v700, v800 and vx1000 must be set to a non-empty value".
      return [
        str('v501', true),
        str('v700', true),
        str('v800', true),
        str(vx, true),
        str('cn'),
        str('h323'),
        str('e164'),
        int('count'),
        int('next'),
        bool('nohide'),
      ];
    case 'SetPresence':
      return [{ name: 'presence', type: 'Presence', required: false }, bool('im'), str('contact'), str('guid'), str('h323')];
    default:
      return undefined;
  }
}

/** Operations both WSDLs define that the demo PBX does not simulate (answered with a Server fault). */
export const UNSIMULATED_OPERATIONS: ReadonlySet<string> = new Set([
  'Admin',
  'License',
  'UserInfo',
  'UserUUI',
  'UserMediaTransfer',
  'UserCtComplete',
  'UserMessage',
  'UserLocalNum',
  'UserFindDestination',
  'UserLicense',
  'LocationUrl',
]);

/** Call-control operations: what the `ignoreCommands` demo switch makes the PBX accept and not carry out. */
export const CALL_CONTROL_OPERATIONS: ReadonlySet<string> = new Set([
  'UserCall',
  'UserClear',
  'UserConnect',
  'UserRc',
  'UserDTMF',
  'UserPickup',
  'UserRedirect',
  'UserReroute',
  'UserTransfer',
  'UserHold',
  'UserRetrieve',
  'UserPark',
]);

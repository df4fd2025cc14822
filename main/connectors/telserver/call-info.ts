/**
 * <call> — the body of the event TelServer sends for every change of every
 * call, and each call of a snapshot — and the parties in it.
 *
 * Described once as records (the `described*` codecs: encoding, and the
 * reference for decoding), and read by hand-written decoders that walk the
 * parser's tree in one pass per element, allocate only the result and build
 * an error's path only for an error. Why by hand: `npm run bench:ingest`
 * times decode + adapt + reduce of call datagrams against a bare parse of
 * them, and the generic record walk alone cost about half a parse. The two
 * must agree on every input — the same value, or the same error —
 * which call-info.test.ts checks on the fixtures and on random mutations.
 */
import {
  boolean,
  childPath,
  defaulted,
  enumeration,
  integer,
  list,
  nameList,
  optional,
  pathOf,
  record,
  required,
  text,
  type RecordCodec,
} from './fields';
import { TS_CALL_STATES, TS_CAUSES, TS_SERVICES, type TsCallInfo, type TsCallLeg, type TsParty } from './messages';
import { TsCodecError, type XmlNode } from './xml';

const numberType = enumeration(['work', 'home', 'mobile', 'ip'] as const, { lenient: true });
const callState = enumeration(TS_CALL_STATES);
// A cause this code does not know must not cost the whole event.
const cause = enumeration(TS_CAUSES, { lenient: true });
const services = nameList(TS_SERVICES);

/** Element order as in the searchDirectory and updateUserDirectory examples. */
export const describedParty: RecordCodec<TsParty> = record([
  required('number', text),
  optional('name', text),
  optional('numberType', numberType),
  optional('company', text),
]);

// The document does not name the items of addedParties: written as <party>, read whatever their name.
const describedAddedParties = list('party', describedParty, { anyItemName: true });

export const describedCallLeg: RecordCodec<TsCallLeg> = record([
  required('state', callState),
  required('otherParty', describedParty),
  optional('addedParties', describedAddedParties),
  optional('firstOtherParty', describedParty),
  optional('firstCalledParty', describedParty),
  optional('lastRedirectionParty', describedParty),
  required('duration', integer),
  required('isOutgoing', boolean),
  // "otherwise the element is not present (meaning its value is false)"
  defaulted('isConference', boolean, false),
  optional('callReference', text),
  optional('cause', cause),
]);

export const describedCallInfo: RecordCodec<TsCallInfo> = record([
  required('id', text),
  optional('primCall', describedCallLeg),
  optional('secCall', describedCallLeg),
  optional('permittedServices', services),
  optional('extraData', text),
]);

// ---------------------------------------------------------------------------
// The decoders. Each reads its fields in the description's order, so the
// first field in error is the one named, as the record walk names it.

function structure(node: XmlNode, path: string): void {
  if (node.children.length === 0 && node.text !== '') throw new TsCodecError(`${path}: expected elements, found text`);
}

function missing(path: string, element: string): TsCodecError {
  return new TsCodecError(`${path}: missing ${element}`);
}

export function decodeParty(node: XmlNode, parent: string, name?: string): TsParty {
  const path = pathOf(parent, name);
  structure(node, path);
  let numberNode: XmlNode | undefined;
  let nameNode: XmlNode | undefined;
  let typeNode: XmlNode | undefined;
  let companyNode: XmlNode | undefined;
  for (const child of node.children) {
    switch (child.name) {
      case 'number':
        numberNode ??= child;
        break;
      case 'name':
        nameNode ??= child;
        break;
      case 'numberType':
        typeNode ??= child;
        break;
      case 'company':
        companyNode ??= child;
        break;
      default: // not a field of this structure: ignored, as the description ignores it
        break;
    }
  }
  if (numberNode === undefined) throw missing(path, 'number');
  const party: TsParty = { number: text.decode(numberNode, path, 'number') };
  if (nameNode !== undefined) party.name = text.decode(nameNode, path, 'name');
  if (typeNode !== undefined) {
    const type = numberType.decode(typeNode, path, 'numberType');
    if (type !== undefined) party.numberType = type;
  }
  if (companyNode !== undefined) party.company = text.decode(companyNode, path, 'company');
  return party;
}

// Where each part's errors point, joined once (childPath), not for every datagram.
const addedPartiesPath = childPath('addedParties');
const otherPartyPath = childPath('otherParty');
const firstOtherPartyPath = childPath('firstOtherParty');
const firstCalledPartyPath = childPath('firstCalledParty');
const redirectionPartyPath = childPath('lastRedirectionParty');
const primCallPath = childPath('primCall');
const secCallPath = childPath('secCall');

function decodeAddedParties(node: XmlNode, parent: string): TsParty[] {
  const path = addedPartiesPath(parent);
  if (node.children.length === 0 && node.text !== '') throw new TsCodecError(`${path}: expected a list, found text`);
  const parties: TsParty[] = [];
  node.children.forEach((child, i) => parties.push(decodeParty(child, path, `${child.name}[${i}]`)));
  return parties;
}

export function decodeCallLeg(node: XmlNode, parent: string, name?: string): TsCallLeg {
  const path = pathOf(parent, name);
  structure(node, path);
  let stateNode: XmlNode | undefined;
  let otherNode: XmlNode | undefined;
  let addedNode: XmlNode | undefined;
  let firstOtherNode: XmlNode | undefined;
  let firstCalledNode: XmlNode | undefined;
  let redirectionNode: XmlNode | undefined;
  let durationNode: XmlNode | undefined;
  let outgoingNode: XmlNode | undefined;
  let conferenceNode: XmlNode | undefined;
  let referenceNode: XmlNode | undefined;
  let causeNode: XmlNode | undefined;
  for (const child of node.children) {
    switch (child.name) {
      case 'state':
        stateNode ??= child;
        break;
      case 'otherParty':
        otherNode ??= child;
        break;
      case 'addedParties':
        addedNode ??= child;
        break;
      case 'firstOtherParty':
        firstOtherNode ??= child;
        break;
      case 'firstCalledParty':
        firstCalledNode ??= child;
        break;
      case 'lastRedirectionParty':
        redirectionNode ??= child;
        break;
      case 'duration':
        durationNode ??= child;
        break;
      case 'isOutgoing':
        outgoingNode ??= child;
        break;
      case 'isConference':
        conferenceNode ??= child;
        break;
      case 'callReference':
        referenceNode ??= child;
        break;
      case 'cause':
        causeNode ??= child;
        break;
      default: // not a field of this structure: ignored, as the description ignores it
        break;
    }
  }
  if (stateNode === undefined) throw missing(path, 'state');
  const state = callState.decode(stateNode, path, 'state');
  if (otherNode === undefined) throw missing(path, 'otherParty');
  const otherParty = decodeParty(otherNode, otherPartyPath(path));
  const addedParties = addedNode && decodeAddedParties(addedNode, path);
  const firstOtherParty = firstOtherNode && decodeParty(firstOtherNode, firstOtherPartyPath(path));
  const firstCalledParty = firstCalledNode && decodeParty(firstCalledNode, firstCalledPartyPath(path));
  const lastRedirectionParty = redirectionNode && decodeParty(redirectionNode, redirectionPartyPath(path));
  if (durationNode === undefined) throw missing(path, 'duration');
  const duration = integer.decode(durationNode, path, 'duration');
  if (outgoingNode === undefined) throw missing(path, 'isOutgoing');
  const isOutgoing = boolean.decode(outgoingNode, path, 'isOutgoing');
  const isConference = conferenceNode === undefined ? false : boolean.decode(conferenceNode, path, 'isConference');
  const callReference = referenceNode && text.decode(referenceNode, path, 'callReference');
  const legCause = causeNode && cause.decode(causeNode, path, 'cause');

  const leg: TsCallLeg = { state, otherParty, duration, isOutgoing, isConference };
  if (addedParties) leg.addedParties = addedParties;
  if (firstOtherParty) leg.firstOtherParty = firstOtherParty;
  if (firstCalledParty) leg.firstCalledParty = firstCalledParty;
  if (lastRedirectionParty) leg.lastRedirectionParty = lastRedirectionParty;
  if (callReference !== undefined) leg.callReference = callReference;
  if (legCause !== undefined) leg.cause = legCause;
  return leg;
}

export function decodeCallInfo(node: XmlNode, parent: string, name?: string): TsCallInfo {
  const path = pathOf(parent, name);
  structure(node, path);
  let idNode: XmlNode | undefined;
  let primNode: XmlNode | undefined;
  let secNode: XmlNode | undefined;
  let servicesNode: XmlNode | undefined;
  let extraNode: XmlNode | undefined;
  for (const child of node.children) {
    switch (child.name) {
      case 'id':
        idNode ??= child;
        break;
      case 'primCall':
        primNode ??= child;
        break;
      case 'secCall':
        secNode ??= child;
        break;
      case 'permittedServices':
        servicesNode ??= child;
        break;
      case 'extraData':
        extraNode ??= child;
        break;
      default: // not a field of this structure: ignored, as the description ignores it
        break;
    }
  }
  if (idNode === undefined) throw missing(path, 'id');
  const info: TsCallInfo = { id: text.decode(idNode, path, 'id') };
  if (primNode !== undefined) info.primCall = decodeCallLeg(primNode, primCallPath(path));
  if (secNode !== undefined) info.secCall = decodeCallLeg(secNode, secCallPath(path));
  if (servicesNode !== undefined) info.permittedServices = services.decode(servicesNode, path, 'permittedServices');
  if (extraNode !== undefined) info.extraData = text.decode(extraNode, path, 'extraData');
  return info;
}

/** The codecs codec.ts uses: encoding as described, decoding by hand. */
export const party: RecordCodec<TsParty> = { ...describedParty, decode: decodeParty, decodeContent: decodeParty };
export const callInfo: RecordCodec<TsCallInfo> = { ...describedCallInfo, decode: decodeCallInfo, decodeContent: decodeCallInfo };

/**
 * Writes TelServer's replies and events as the v1.7 document prints them:
 * no prolog, elements only, children in the document's order, enumerations
 * and booleans as an empty element (`<isOutgoing><true/></isOutgoing>`),
 * compact (the document: "spaces and line breaks should be avoided").
 */
import { XMLBuilder } from 'fast-xml-parser';
import type {
  SimEvent,
  SimEventBody,
  SimResult,
  SimReturn,
  WireAgent,
  WireCall,
  WireCallLeg,
  WireForward,
  WireHistoryRecord,
  WireParty,
  WireSnapshot,
} from './messages';

/** What the builder writes: text, an empty element (''), children in insertion order, or a repeated child. */
type Tree = string | number | { [name: string]: Tree | Tree[] };

const builder = new XMLBuilder({ ignoreAttributes: true, suppressEmptyNode: true, format: false, processEntities: true });

/** An enumeration value or a list of names: one empty element each. */
const empty = (...names: string[]): Tree => (names.length === 0 ? '' : Object.fromEntries(names.map((name) => [name, ''])));
const flag = (value: boolean): Tree => empty(value ? 'true' : 'false');
/** A list element holding repeated items; `<list/>` when there are none. */
const list = (item: string, items: Tree[]): Tree => (items.length === 0 ? '' : { [item]: items });

function withOptional(tree: { [name: string]: Tree | Tree[] }, optional: { [name: string]: Tree | undefined }) {
  for (const [name, value] of Object.entries(optional)) if (value !== undefined) tree[name] = value;
  return tree;
}

function party(p: WireParty): Tree {
  return withOptional(
    { number: p.number },
    { name: p.name, numberType: p.numberType === undefined ? undefined : empty(p.numberType), company: p.company },
  );
}

function leg(l: WireCallLeg): Tree {
  const tree = withOptional(
    { state: empty(l.state), otherParty: party(l.otherParty) },
    {
      // "a list of otherParty used when in a conference"
      addedParties: l.addedParties && list('otherParty', l.addedParties.map(party)),
      firstCalledParty: l.firstCalledParty && party(l.firstCalledParty),
      lastRedirectionParty: l.lastRedirectionParty && party(l.lastRedirectionParty),
    },
  );
  tree.duration = l.duration;
  tree.isOutgoing = flag(l.isOutgoing);
  tree.isConference = flag(l.isConference);
  return withOptional(tree, { callReference: l.callReference, cause: l.cause && empty(l.cause) });
}

function call(c: WireCall): Tree {
  return withOptional(
    { id: c.id },
    {
      primCall: c.primCall && leg(c.primCall),
      secCall: c.secCall && leg(c.secCall),
      permittedServices: empty(...c.permittedServices),
      extraData: c.extraData,
    },
  );
}

const forward = (f: WireForward): Tree => ({ number: f.number, type: empty(f.type), state: empty(f.state) });

const agent = (a: WireAgent): Tree => ({ state: empty(a.state), permittedStates: empty(...a.permittedStates) });

function historyRecord(r: WireHistoryRecord): Tree {
  return {
    deviceNumber: r.deviceNumber,
    creationDate: r.creationDate,
    creationTime: r.creationTime,
    otherParty: party(r.otherParty),
    alertingDuration: r.alertingDuration,
    duration: r.duration,
    isOutgoing: flag(r.isOutgoing),
    isConnected: flag(r.isConnected),
    cause: empty(r.cause),
  };
}

function snapshot(s: WireSnapshot): Tree {
  return withOptional(
    {
      calls: list('call', s.calls.map(call)),
      forwards: list('forward', s.forwards.map(forward)),
      msgWaiting: empty(s.msgWaiting),
      doNotDisturb: empty(s.doNotDisturb),
    },
    { agent: s.agent && agent(s.agent) },
  );
}

function result(r: SimResult): Tree {
  switch (r.type) {
    case 'standard':
      return { standard: '' };
    case 'qualifyCall':
      return { qualifyCall: withOptional({ number: r.number }, { name: r.name }) };
    case 'agent':
      return { agent: agent(r.agent) };
    case 'doNotDisturb':
    case 'msgWaiting':
      return { [r.type]: empty(r.state) };
    case 'forwards':
      return { forwards: list('forward', r.forwards.map(forward)) };
    case 'history':
      return { history: list('record', r.records.map(historyRecord)) };
    case 'searchDirectory':
      return { searchDirectory: list('party', r.parties.map(party)) };
    case 'snapshot':
      return { snapshot: snapshot(r.snapshot) };
    case 'userStatistics': {
      const { statistics } = r;
      if (statistics.kind === 'snapshot') {
        return { userStatistics: { snapshot: statistics.agentState ? { agentState: empty(statistics.agentState) } : '' } };
      }
      return { userStatistics: { total: Object.fromEntries(statistics.fields) } };
    }
  }
}

function eventBody(body: SimEventBody): Tree {
  switch (body.type) {
    case 'call':
      return { call: call(body.call) };
    case 'agent':
      return { agent: agent(body.agent) };
    case 'forward':
      return { forward: forward(body.forward) };
    case 'doNotDisturb':
    case 'msgWaiting':
      return { [body.type]: empty(body.state) };
    case 'session':
      return { session: empty(body.session) };
  }
}

export function writeReturn(ret: SimReturn): string {
  const content = ret.kind === 'error' ? { error: empty(ret.error) } : { result: result(ret.result) };
  return String(builder.build({ TelServiceReturn: content }));
}

export function writeEvent(ev: SimEvent): string {
  const content = withOptional({}, { deviceNumber: ev.deviceNumber });
  content.event = eventBody(ev.event);
  return String(builder.build({ TelServiceEvent: content }));
}

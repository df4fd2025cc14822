/**
 * The PBX users the innovaphone front end shows: every extension of the
 * switch's directory as a PBX user object (cn = its name, e164 = its
 * number), with a registration and a presence the demo can change.
 * A phone set to do-not-disturb on the switch shows as the presence
 * activity `dnd` (status closed), as innovaphone phones publish it.
 */
import type { Switch } from '../shared/switch';
import type { PresenceRecord, UserInfoRecord } from './records';

export interface SimUser {
  cn: string;
  e164: string;
  guid: string;
  group: string;
  registered: boolean;
  /** The presence the user set (SetPresence, or the demo). */
  presence?: PresenceRecord;
  /** A waiting-queue object (type "waiting"): the switch's queue it shows; its callers "ring" at it until taken. */
  queueId?: string;
}

/** The switch's call queues as the PBX's waiting-queue objects: cn = the queue's name, e164 = its number. */
export function queueUsersOf(sw: Switch): SimUser[] {
  return sw.queues().map((queue) => ({
    cn: queue.name,
    e164: queue.number,
    guid: `queue-${queue.id}`.padEnd(32, '0'),
    group: 'Queues',
    registered: true,
    queueId: queue.id,
  }));
}

const FIRST = [
  'Anna',
  'Jaan',
  'Kati',
  'Mihkel',
  'Liis',
  'Toomas',
  'Eva',
  'Rasmus',
  'Helen',
  'Karl',
  'Mari',
  'Oskar',
  'Piret',
  'Siim',
  'Tiina',
  'Urmas',
];
const LAST = [
  'Tamm',
  'Saar',
  'Sepp',
  'Mägi',
  'Kask',
  'Kukk',
  'Rebane',
  'Ilves',
  'Pärn',
  'Koppel',
  'Lepik',
  'Vaher',
  'Kuusk',
  'Lill',
  'Oja',
  'Raud',
];
const GROUPS = ['Sales', 'Support', 'Finance', 'Logistics', 'Management', 'IT'];
const INITIALS = 'ABCDEFGHIJKLMNOPRSTUVW';

/**
 * A unique, person-like name for the i-th generated user: first every
 * first/last-name pair, then the pairs again with a middle initial, then
 * with a double-barrelled surname — never a number glued to a name.
 */
export function officeUserName(i: number): string {
  const pairs = FIRST.length * LAST.length;
  const first = FIRST[i % FIRST.length];
  const last = LAST[Math.floor(i / FIRST.length) % LAST.length];
  const round = Math.floor(i / pairs);
  if (round === 0) return `${first} ${last}`;
  const initial = INITIALS[(round - 1) % INITIALS.length];
  const barrel = Math.floor((round - 1) / INITIALS.length);
  return barrel === 0 ? `${first} ${initial}. ${last}` : `${first} ${initial}. ${last}-${LAST[(barrel - 1) % LAST.length]}`;
}

/**
 * Adds `count` further extensions (from 2000 up) to the switch's directory,
 * so the presence grid has a realistic size; deterministic names.
 */
export function addOfficeUsers(sw: Switch, count: number): void {
  // A PBX user's cn is unique: skip to the next variant of a name already taken (e.g. a demo colleague's).
  const taken = new Set(sw.directory.allExtensions().map((ext) => ext.name));
  const pairs = FIRST.length * LAST.length;
  for (let i = 0; i < count; i++) {
    const number = String(2000 + i);
    if (sw.directory.isExtension(number)) continue;
    let variant = i;
    while (taken.has(officeUserName(variant))) variant += pairs;
    const name = officeUserName(variant);
    taken.add(name);
    sw.directory.addExtension({ number, name, company: 'Nordvalgus AS', maxCalls: 2 });
  }
}

export function usersOf(sw: Switch): SimUser[] {
  return sw.directory.allExtensions().map((ext, i) => ({
    cn: ext.name,
    e164: ext.number,
    guid: `00000000000000000000${ext.number.padStart(12, '0')}`.slice(-32),
    group: GROUPS[i % GROUPS.length],
    // A few phones are not registered, as in any office.
    registered: i % 11 !== 7,
    presence: demoPresence(i),
  }));
}

/** Some colleagues have set a presence, as in any office: away, busy in a meeting, on holiday, not to be disturbed. */
function demoPresence(i: number): PresenceRecord | undefined {
  switch (i % 10) {
    case 3:
      return { status: 'open', activity: 'away', note: 'Back after lunch' };
    case 6:
      return { status: 'open', activity: 'meeting', note: 'In a meeting until 3' };
    case 8:
      return { status: 'closed', activity: 'dnd', note: 'Focus time, urgent calls via reception' };
    default:
      return i % 37 === 9 ? { status: 'closed', activity: 'vacation', note: 'On holiday until Monday' } : undefined;
  }
}

/** The presence the PBX reports: the user's own, overridden by do-not-disturb set at the phone. */
export function presenceOf(sw: Switch, user: SimUser): PresenceRecord | undefined {
  if (user.queueId !== undefined) return undefined;
  if (sw.deviceView(user.e164).dnd) return { status: 'closed', activity: 'dnd', note: user.presence?.note ?? '' };
  return user.presence;
}

/** The UserInfo of a user as the switch sees their phone now. */
export function userInfoOf(sw: Switch, user: SimUser, active = true): UserInfoRecord {
  const waiting = user.queueId !== undefined ? (sw.queues().find((q) => q.id === user.queueId)?.waiting.length ?? 0) : undefined;
  const view = waiting === undefined ? sw.deviceView(user.e164) : undefined;
  // A caller waiting in a queue is no call of the agent's phone yet: it shows at the waiting-queue object.
  const legs = view
    ? view.groups.flatMap((g) => (g.consultation ? [g.primary, g.consultation] : [g.primary])).filter((l) => l.state !== 'queued')
    : [];
  return {
    active,
    state: user.registered ? 1 : 0,
    channel: waiting ?? legs.length,
    alert: waiting ?? legs.filter((l) => l.state === 'alerting').length,
    type: waiting === undefined ? 'ep' : 'waiting',
    guid: user.guid,
    cn: user.cn,
    e164: user.e164,
    h323: user.cn.toLowerCase().replace(/[^a-z0-9]+/g, '.'),
    dn: user.cn,
    groups: [{ group: user.group, active: true }],
    presence: presenceOf(sw, user),
    cfg: false,
    node: 'root',
    loc: '',
  };
}

/** The UserInfo that ends the initial stream. */
export const STREAM_END: UserInfoRecord = {
  active: true,
  state: 0,
  channel: 0,
  alert: 0,
  type: '',
  guid: '',
  cn: '',
  e164: '',
  h323: '',
  dn: '',
  groups: [],
  cfg: false,
  node: '',
  loc: '',
};

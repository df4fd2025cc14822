/**
 * Starting the Telia front end for the demo PBX: the demo company's own
 * number rings the receptionist's desk phone (1100), an account with a
 * random password, and a small phonebook.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../../app/clock';
import type { Logger } from '../../core/log';
import { RECEPTION, type DemoMode } from '../shared/demo';
import { seededRandom } from '../shared/random';
import type { Switch } from '../shared/switch';
import { TeliaFrontEnd, type TeliaFaults, type TeliaOwnNumber } from './server';
import type { PhoneBookEntryFields } from './wire';

export const TELIA_DEMO_OWN_NUMBER = '6403231';
export const TELIA_DEMO_USERNAME = 'P0000000@elion.ee';

export const TELIA_DEMO_PHONEBOOK: PhoneBookEntryFields[] = [
  { displayName: 'Kalev Kask', phoneNumber1: '3725123456' },
  { displayName: 'Tiina Pold', phoneNumber1: '3726654321' },
  { displayName: 'Virtanen Oy', phoneNumber1: '358401234567', phoneNumber2: '3725559876' },
];

export interface TeliaDemoOptions {
  ownNumbers?: TeliaOwnNumber[];
  username?: string;
  password?: string;
  phonebook?: PhoneBookEntryFields[];
  /** Share of calls the desk phone answers by itself in live mode. Default 0.5. */
  answerChance?: number;
}

export interface TeliaDemoFrontEnd {
  servicesUrl: string;
  phonebookUrl: string;
  fingerprint256: string;
  username: string;
  password: string;
  faults: TeliaFaults;
  frontEnd: TeliaFrontEnd;
  stop(): Promise<void>;
}

export async function startTeliaFrontEnd(
  options: TeliaDemoOptions & { switch: Switch; clock: Clock; log?: Logger; mode: DemoMode; seed: number },
): Promise<TeliaDemoFrontEnd> {
  const username = options.username ?? TELIA_DEMO_USERNAME;
  const password = options.password ?? randomBytes(12).toString('base64url');
  const frontEnd = new TeliaFrontEnd({
    switch: options.switch,
    clock: options.clock,
    log: options.log,
    ownNumbers: options.ownNumbers ?? [{ number: TELIA_DEMO_OWN_NUMBER, device: RECEPTION }],
    username,
    password,
    phonebook: options.phonebook ?? TELIA_DEMO_PHONEBOOK,
    deskPhone: options.mode === 'live' ? { random: seededRandom(options.seed + 7), answerChance: options.answerChance ?? 0.5 } : undefined,
  });
  const started = await frontEnd.start();
  return {
    servicesUrl: started.servicesUrl,
    phonebookUrl: started.phonebookUrl,
    fingerprint256: started.fingerprint256,
    username,
    password,
    faults: frontEnd.faults,
    frontEnd,
    stop: () => frontEnd.stop(),
  };
}

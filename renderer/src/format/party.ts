import type { Party } from '../../../app/model';
import { formatNumber, isWithheld } from '../../../app/phone';
import type { Translate } from './labels';

/** The party's number as shown: formatted for the line's country, or "Withheld number". */
export function partyNumberText(party: Party, country: string, t: Translate): string {
  return isWithheld(party.number) ? t('call.withheldNumber') : formatNumber(party.number, country);
}

/** The one short name for a party: its name, else its number. */
export function partyTitle(party: Party, country: string, t: Translate): string {
  return party.name?.trim() || partyNumberText(party, country, t);
}

/** Whether the party can be called back. */
export function isDiallable(party: Party): boolean {
  return !isWithheld(party.number);
}

/** German: every key of the English catalog (app/i18n/en.ts), with this language's plural forms. */
import type { Catalog } from './catalog';

export const de: Catalog = {
  'link.connecting': 'Verbindung wird hergestellt…',
  'link.online': 'Online',
  'link.pbxLinkDown': 'TK-Anlage nicht erreichbar',
  'link.offline': 'Offline',
  'link.stopped': 'Angehalten',
  'app.title': 'Vermittlungsplatz',
  'call.count_one': '{{count}} Anruf',
  'call.count_other': '{{count}} Anrufe',
};

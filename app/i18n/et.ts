/** Estonian: every key of the English catalog (app/i18n/en.ts), with this language's plural forms. */
import type { Catalog } from './catalog';

export const et: Catalog = {
  'link.connecting': 'Ühendan…',
  'link.online': 'Ühendatud',
  'link.pbxLinkDown': 'Side keskjaamaga katkes',
  'link.offline': 'Ühenduseta',
  'link.stopped': 'Peatatud',
  'app.title': 'Vastuvõtukonsool',
  'call.count_one': '{{count}} kõne',
  'call.count_other': '{{count}} kõnet',
};

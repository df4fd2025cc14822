/** Russian: every key of the English catalog (app/i18n/en.ts), with this language's plural forms. */
import type { Catalog } from './catalog';

export const ru: Catalog = {
  'link.connecting': 'Подключение…',
  'link.online': 'В сети',
  'link.pbxLinkDown': 'Нет связи с АТС',
  'link.offline': 'Нет связи',
  'link.stopped': 'Остановлено',
  'app.title': 'Пульт секретаря',
  'call.count_one': '{{count}} звонок',
  'call.count_few': '{{count}} звонка',
  'call.count_many': '{{count}} звонков',
  'call.count_other': '{{count}} звонка',
};

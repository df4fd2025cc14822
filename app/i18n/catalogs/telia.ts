/** What the Telia Smart calls connector says, in every language (keys start with 'telia.'). */
import type { Catalog } from '../catalog';

export const teliaEn = {
  // Telia's ServiceError codes (the document's table).
  'telia.service.ERR001':
    'Telia did not accept the user name or password (ERR001). Use the group administrator’s account (e.g. P0000000@elion.ee).',
  'telia.service.ERR002': 'Telia says a required field is missing (ERR002).',
  'telia.service.ERR002Detail': 'Telia says a required field is missing (ERR002): {{detail}}.',
  'telia.service.ERR003': 'Telia does not permit this operation for this account (ERR003).',
  'telia.service.ERR1001': 'Telia could not make the call (ERR1001 dialing error).',
  'telia.service.ERR1002': 'That phonebook entry does not exist at Telia any more (ERR1002 unknown id).',
  'telia.service.ERR1003': 'Telia refused a character (ERR1003): names may use ASCII letters, digits and punctuation plus õ, ü, ö, ä.',
  'telia.service.other': 'Telia refused the request: {{reason}} ({{code}}).',
  'telia.service.otherNoCode': 'Telia refused the request: {{reason}}.',
  'telia.service.noReason': 'no reason given',

  'telia.httpsRequired': '{{url}}: Telia must be reached over https.',
  'telia.noOwnNumbers': 'Telia lists no phone numbers for this account.',
  'telia.listenFailed': 'The console cannot receive Telia’s notifications on {{address}} ({{reason}}).',
  'telia.notControllable': 'Calls on a Telia line are answered and ended on the phone itself; the console cannot control them.',
  'telia.callerNameTwoWords': 'Telia needs a first and a last name, e.g. "Reception Nordvalgus".',
  'telia.notInternational': '{{number}} cannot be written as an international number, which Telia needs here.',

  // The phonebook name rule (the connector and the phonebook form).
  'telia.phonebook.nameEmpty': 'Enter a name.',
  'telia.phonebook.nameTooLong': 'A name may have at most {{max}} characters.',
  'telia.phonebook.nameCharacters':
    "Telia's phonebook accepts only ASCII letters, digits and punctuation plus õ, ü, ö, ä — not: {{characters}}",

  // What the connection status shows.
  'telia.fact.callAlerts': 'Call alerts',
  'telia.fact.polling': 'polling the call history every {{seconds}} s',
  'telia.fact.lastPoll': 'Last poll',
  'telia.fact.notYet': 'not yet',
  // Times are epoch ms, put into words by the catalog (i18next's datetime format) where they are read: in that
  // window's language and time zone, not the server's.
  'telia.fact.pollFailed': 'failed at {{time, datetime(hour: 2-digit; minute: 2-digit; second: 2-digit)}}: {{reason}}',
  'telia.fact.pollTime': '{{time, datetime(hour: 2-digit; minute: 2-digit; second: 2-digit)}}',
  'telia.fact.notificationUrl': 'Notification URL',
  'telia.fact.notListening': 'not listening',
  'telia.fact.notifications': 'Notifications',
  'telia.fact.notRegistered': 'not registered: {{reason}}',
  'telia.fact.reachable': 'reachable: last notification at {{time, datetime(hour: 2-digit; minute: 2-digit; second: 2-digit)}}',
  'telia.fact.unconfirmed': 'registered; reachability not confirmed until the first notification arrives',
  'telia.fact.withRefused_one': '{{status}}; {{count}} forged or malformed request refused',
  'telia.fact.withRefused_other': '{{status}}; {{count}} forged or malformed requests refused',
} as const;

export const teliaDe: Catalog = {
  'telia.service.ERR001':
    'Telia hat den Benutzernamen oder das Passwort nicht akzeptiert (ERR001). Verwenden Sie das Konto des Gruppenadministrators (z. B. P0000000@elion.ee).',
  'telia.service.ERR002': 'Laut Telia fehlt ein Pflichtfeld (ERR002).',
  'telia.service.ERR002Detail': 'Laut Telia fehlt ein Pflichtfeld (ERR002): {{detail}}.',
  'telia.service.ERR003': 'Telia erlaubt diesen Vorgang für dieses Konto nicht (ERR003).',
  'telia.service.ERR1001': 'Telia konnte den Anruf nicht aufbauen (ERR1001, Wählfehler).',
  'telia.service.ERR1002': 'Diesen Telefonbucheintrag gibt es bei Telia nicht mehr (ERR1002, unbekannte ID).',
  'telia.service.ERR1003':
    'Telia hat ein Zeichen abgelehnt (ERR1003): Namen dürfen ASCII-Buchstaben, Ziffern und Satzzeichen sowie õ, ü, ö, ä enthalten.',
  'telia.service.other': 'Telia hat die Anfrage abgelehnt: {{reason}} ({{code}}).',
  'telia.service.otherNoCode': 'Telia hat die Anfrage abgelehnt: {{reason}}.',
  'telia.service.noReason': 'ohne Angabe von Gründen',

  'telia.httpsRequired': '{{url}}: Telia muss über https erreicht werden.',
  'telia.noOwnNumbers': 'Telia führt für dieses Konto keine Rufnummern.',
  'telia.listenFailed': 'Die Konsole kann die Benachrichtigungen von Telia auf {{address}} nicht empfangen ({{reason}}).',
  'telia.notControllable':
    'Anrufe auf einer Telia-Leitung werden am Telefon selbst angenommen und beendet; die Konsole kann sie nicht steuern.',
  'telia.callerNameTwoWords': 'Telia braucht einen Vor- und einen Nachnamen, z. B. „Empfang Nordvalgus“.',
  'telia.notInternational': '{{number}} lässt sich nicht als internationale Rufnummer schreiben, die Telia hier braucht.',

  'telia.phonebook.nameEmpty': 'Geben Sie einen Namen ein.',
  'telia.phonebook.nameTooLong': 'Ein Name darf höchstens {{max}} Zeichen haben.',
  'telia.phonebook.nameCharacters':
    'Das Telefonbuch von Telia akzeptiert nur ASCII-Buchstaben, Ziffern und Satzzeichen sowie õ, ü, ö, ä – nicht: {{characters}}',

  'telia.fact.callAlerts': 'Anrufmeldungen',
  'telia.fact.polling': 'die Anrufliste wird alle {{seconds}} s abgefragt',
  'telia.fact.lastPoll': 'Letzte Abfrage',
  'telia.fact.notYet': 'noch keine',
  'telia.fact.pollFailed': 'fehlgeschlagen um {{time, datetime(hour: 2-digit; minute: 2-digit; second: 2-digit)}}: {{reason}}',
  'telia.fact.pollTime': '{{time, datetime(hour: 2-digit; minute: 2-digit; second: 2-digit)}}',
  'telia.fact.notificationUrl': 'Benachrichtigungs-URL',
  'telia.fact.notListening': 'empfängt nicht',
  'telia.fact.notifications': 'Benachrichtigungen',
  'telia.fact.notRegistered': 'nicht registriert: {{reason}}',
  'telia.fact.reachable': 'erreichbar: letzte Benachrichtigung um {{time, datetime(hour: 2-digit; minute: 2-digit; second: 2-digit)}}',
  'telia.fact.unconfirmed': 'registriert; ob die Konsole erreichbar ist, zeigt erst die erste Benachrichtigung',
  'telia.fact.withRefused_one': '{{status}}; {{count}} gefälschte oder fehlerhafte Anfrage abgewiesen',
  'telia.fact.withRefused_other': '{{status}}; {{count}} gefälschte oder fehlerhafte Anfragen abgewiesen',
};

export const teliaEt: Catalog = {
  'telia.service.ERR001':
    'Telia ei aktsepteerinud kasutajanime või parooli (ERR001). Kasutage grupi administraatori kontot (nt P0000000@elion.ee).',
  'telia.service.ERR002': 'Telia teatab, et kohustuslik väli on täitmata (ERR002).',
  'telia.service.ERR002Detail': 'Telia teatab, et kohustuslik väli on täitmata (ERR002): {{detail}}.',
  'telia.service.ERR003': 'Telia ei luba selle kontoga seda toimingut teha (ERR003).',
  'telia.service.ERR1001': 'Telia ei saanud kõnet alustada (ERR1001, valimise viga).',
  'telia.service.ERR1002': 'Seda telefoniraamatu kirjet Telias enam ei ole (ERR1002, tundmatu ID).',
  'telia.service.ERR1003':
    'Telia ei lubanud üht märki (ERR1003): nimes võib kasutada ASCII-tähti, numbreid ja kirjavahemärke ning tähti õ, ü, ö, ä.',
  'telia.service.other': 'Telia keeldus päringust: {{reason}} ({{code}}).',
  'telia.service.otherNoCode': 'Telia keeldus päringust: {{reason}}.',
  'telia.service.noReason': 'põhjust ei antud',

  'telia.httpsRequired': '{{url}}: Teliaga tuleb ühenduda https kaudu.',
  'telia.noOwnNumbers': 'Telia ei näita selle konto all ühtegi telefoninumbrit.',
  'telia.listenFailed': 'Konsool ei saa Telia teavitusi aadressil {{address}} vastu võtta ({{reason}}).',
  'telia.notControllable': 'Telia liini kõnedele vastatakse ja need lõpetatakse telefonist endast; konsool ei saa neid juhtida.',
  'telia.callerNameTwoWords': 'Telia vajab ees- ja perekonnanime, nt „Vastuvõtt Nordvalgus“.',
  'telia.notInternational': 'Numbrit {{number}} ei saa kirjutada rahvusvahelisel kujul, mida Telia siin vajab.',

  'telia.phonebook.nameEmpty': 'Sisestage nimi.',
  'telia.phonebook.nameTooLong': 'Nimes võib olla kuni {{max}} märki.',
  'telia.phonebook.nameCharacters':
    'Telia telefoniraamat lubab ainult ASCII-tähti, numbreid ja kirjavahemärke ning tähti õ, ü, ö, ä — mitte: {{characters}}',

  'telia.fact.callAlerts': 'Kõneteavitused',
  'telia.fact.polling': 'kõneajalugu küsitakse iga {{seconds}} s järel',
  'telia.fact.lastPoll': 'Viimane päring',
  'telia.fact.notYet': 'veel mitte',
  'telia.fact.pollFailed': 'ebaõnnestus kell {{time, datetime(hour: 2-digit; minute: 2-digit; second: 2-digit)}}: {{reason}}',
  'telia.fact.pollTime': '{{time, datetime(hour: 2-digit; minute: 2-digit; second: 2-digit)}}',
  'telia.fact.notificationUrl': 'Teavituste aadress',
  'telia.fact.notListening': 'ei kuula',
  'telia.fact.notifications': 'Teavitused',
  'telia.fact.notRegistered': 'registreerimata: {{reason}}',
  'telia.fact.reachable': 'kättesaadav: viimane teavitus kell {{time, datetime(hour: 2-digit; minute: 2-digit; second: 2-digit)}}',
  'telia.fact.unconfirmed': 'registreeritud; kättesaadavus selgub alles esimese teavitusega',
  'telia.fact.withRefused_one': '{{status}}; {{count}} võltsitud või vigane päring tagasi lükatud',
  'telia.fact.withRefused_other': '{{status}}; {{count}} võltsitud või vigast päringut tagasi lükatud',
};

export const teliaRu: Catalog = {
  'telia.service.ERR001':
    'Telia не приняла имя пользователя или пароль (ERR001). Используйте учётную запись администратора группы (например, P0000000@elion.ee).',
  'telia.service.ERR002': 'Telia сообщает, что не заполнено обязательное поле (ERR002).',
  'telia.service.ERR002Detail': 'Telia сообщает, что не заполнено обязательное поле (ERR002): {{detail}}.',
  'telia.service.ERR003': 'Telia не разрешает эту операцию для этой учётной записи (ERR003).',
  'telia.service.ERR1001': 'Telia не смогла совершить звонок (ERR1001, ошибка набора).',
  'telia.service.ERR1002': 'Этой записи телефонной книги в Telia больше нет (ERR1002, неизвестный ID).',
  'telia.service.ERR1003':
    'Telia не приняла символ (ERR1003): в именах допустимы латинские буквы ASCII, цифры и знаки препинания, а также õ, ü, ö, ä.',
  'telia.service.other': 'Telia отклонила запрос: {{reason}} ({{code}}).',
  'telia.service.otherNoCode': 'Telia отклонила запрос: {{reason}}.',
  'telia.service.noReason': 'причина не указана',

  'telia.httpsRequired': '{{url}}: к Telia нужно подключаться по https.',
  'telia.noOwnNumbers': 'Для этой учётной записи Telia не показывает ни одного номера.',
  'telia.listenFailed': 'Консоль не может принимать уведомления Telia по адресу {{address}} ({{reason}}).',
  'telia.notControllable': 'Звонки на линии Telia принимают и завершают на самом телефоне; консоль не может ими управлять.',
  'telia.callerNameTwoWords': 'Telia нужны имя и фамилия, например «Reception Nordvalgus».',
  'telia.notInternational': 'Номер {{number}} нельзя записать в международном формате, а здесь Telia нужен именно он.',

  'telia.phonebook.nameEmpty': 'Введите имя.',
  'telia.phonebook.nameTooLong': 'Имя может содержать не более {{max}} символов.',
  'telia.phonebook.nameCharacters':
    'Телефонная книга Telia принимает только латинские буквы ASCII, цифры и знаки препинания, а также õ, ü, ö, ä — но не: {{characters}}',

  'telia.fact.callAlerts': 'Оповещения о звонках',
  'telia.fact.polling': 'журнал звонков запрашивается каждые {{seconds}} с',
  'telia.fact.lastPoll': 'Последний запрос',
  'telia.fact.notYet': 'ещё не было',
  'telia.fact.pollFailed': 'ошибка в {{time, datetime(hour: 2-digit; minute: 2-digit; second: 2-digit)}}: {{reason}}',
  'telia.fact.pollTime': '{{time, datetime(hour: 2-digit; minute: 2-digit; second: 2-digit)}}',
  'telia.fact.notificationUrl': 'Адрес для уведомлений',
  'telia.fact.notListening': 'уведомления не принимаются',
  'telia.fact.notifications': 'Уведомления',
  'telia.fact.notRegistered': 'не зарегистрированы: {{reason}}',
  'telia.fact.reachable': 'доступна: последнее уведомление в {{time, datetime(hour: 2-digit; minute: 2-digit; second: 2-digit)}}',
  'telia.fact.unconfirmed': 'зарегистрированы; доступность подтвердится с первым уведомлением',
  'telia.fact.withRefused_one': '{{status}}; отклонён {{count}} поддельный или неверный запрос',
  'telia.fact.withRefused_few': '{{status}}; отклонено {{count}} поддельных или неверных запроса',
  'telia.fact.withRefused_many': '{{status}}; отклонено {{count}} поддельных или неверных запросов',
  'telia.fact.withRefused_other': '{{status}}; отклонено {{count}} поддельного или неверного запроса',
};

/** What the PortaSIP connector says, in every language (keys start with 'portasip.'). */
import type { Catalog } from '../catalog';

export const portasipEn = {
  // The document's error table (PortaSwitch MR75, Call Control API), by code.
  'portasip.error.unsupportedMethod': 'PortaSIP does not know that method.',
  'portasip.error.wrongParameters': 'PortaSIP refused the request: a parameter is missing or wrong.',
  'portasip.error.internalServerError': 'PortaSIP could not process the request (internal error).',
  'portasip.error.callNotFound': 'PortaSIP no longer has that call.',
  'portasip.error.callControlDisabled': 'Call control is disabled for this account on PortaSIP.',
  'portasip.error.internalError': 'PortaSIP reported an internal server error.',
  // Failures the table has no code for.
  'portasip.error.noSession': 'PortaSIP did not open an API session for the console.',
  'portasip.error.unsuccessful': 'PortaSIP did not carry out the request.',
  'portasip.error.other': 'PortaSIP refused the request ({{code}}).',
  'portasip.error.otherDetail': 'PortaSIP refused the request ({{code}}: {{detail}}).',
  // A request whose answer never came (the connection closed, or no answer in time).
  'portasip.outcomeUnknown': '{{reason}} It is not known whether PortaSIP carried out the request.',

  'portasip.dialCallback': 'Ringing your phone ({{extension}}) first; pick up and PortaSIP calls {{number}}.',
  'portasip.consultCallback': 'Caller on hold. Ringing {{line}} ({{extension}}) first; pick up and PortaSIP calls {{number}}.',
  'portasip.noSecondCall': 'There is no second call to join this one with.',
  'portasip.error.notificationsDisabled': "PortaSIP has no call notifications enabled for the console's session.",
  'portasip.noBillId': '{{line}} cannot place calls: its PortaSwitch account to charge is not set in the connection settings.',
  'portasip.settings.billId': "Account to charge for the reception's calls",
  'portasip.settings.billIdHint':
    "The PortaSwitch account ID (bill_id) of the reception phone's account, as in PortaBilling (for example 37255501100), not the extension number. Calls placed from the console are charged to it.",
  'portasip.settings.queueNames': 'Call queue names',
  'portasip.settings.queueNamesHint':
    "The API sends a queue's ID (i_c_queue) only; name them here as ID=name, separated by semicolons, for example 1=Sales; 2=Support (the IDs as in PortaBilling's call queue list).",
  'portasip.settings.queueNamesInvalid': 'Queue names: write each as a queue ID (a number) = a name, separated by semicolons.',
} as const;

export const portasipDe: Catalog = {
  'portasip.error.unsupportedMethod': 'PortaSIP kennt diese Methode nicht.',
  'portasip.error.wrongParameters': 'PortaSIP hat die Anfrage abgelehnt: Ein Parameter fehlt oder ist falsch.',
  'portasip.error.internalServerError': 'PortaSIP konnte die Anfrage nicht verarbeiten (interner Fehler).',
  'portasip.error.callNotFound': 'Diesen Anruf gibt es bei PortaSIP nicht mehr.',
  'portasip.error.callControlDisabled': 'Die Anrufsteuerung ist für dieses Konto bei PortaSIP ausgeschaltet.',
  'portasip.error.internalError': 'PortaSIP meldet einen internen Serverfehler.',
  'portasip.error.noSession': 'PortaSIP hat für die Konsole keine API-Sitzung eröffnet.',
  'portasip.error.unsuccessful': 'PortaSIP hat die Anfrage nicht ausgeführt.',
  'portasip.error.other': 'PortaSIP hat die Anfrage abgelehnt ({{code}}).',
  'portasip.error.otherDetail': 'PortaSIP hat die Anfrage abgelehnt ({{code}}: {{detail}}).',
  'portasip.outcomeUnknown': '{{reason}} Ob PortaSIP die Anfrage ausgeführt hat, ist nicht bekannt.',
  'portasip.dialCallback': 'Zuerst klingelt Ihr Telefon ({{extension}}); sobald Sie abheben, ruft PortaSIP {{number}} an.',
  'portasip.consultCallback':
    'Der Anrufer wird gehalten. Zuerst klingelt {{line}} ({{extension}}); sobald Sie abheben, ruft PortaSIP {{number}} an.',
  'portasip.noSecondCall': 'Es gibt keinen zweiten Anruf, mit dem dieser verbunden werden kann.',
  'portasip.error.notificationsDisabled': 'PortaSIP hat für die Sitzung der Konsole keine Anrufbenachrichtigungen eingeschaltet.',
  'portasip.noBillId':
    '{{line}} kann keine Anrufe tätigen: Das PortaSwitch-Konto, dem sie berechnet werden, ist in den Verbindungseinstellungen nicht angegeben.',
  'portasip.settings.billId': 'Abrechnungskonto für Anrufe des Empfangs',
  'portasip.settings.billIdHint':
    'Die PortaSwitch-Kontonummer (bill_id) des Empfangstelefons, wie in PortaBilling (zum Beispiel 37255501100), nicht die Nebenstelle. Anrufe aus der Konsole werden diesem Konto berechnet.',
  'portasip.settings.queueNames': 'Namen der Warteschlangen',
  'portasip.settings.queueNamesHint':
    'Die API sendet nur die ID einer Warteschlange (i_c_queue); benennen Sie sie hier als ID=Name, durch Semikolon getrennt, zum Beispiel 1=Vertrieb; 2=Support (die IDs wie in der Warteschlangenliste von PortaBilling).',
  'portasip.settings.queueNamesInvalid':
    'Namen der Warteschlangen: jeweils eine Warteschlangen-ID (eine Zahl) = ein Name, durch Semikolon getrennt.',
};

export const portasipEt: Catalog = {
  'portasip.error.unsupportedMethod': 'PortaSIP ei tunne seda meetodit.',
  'portasip.error.wrongParameters': 'PortaSIP lükkas päringu tagasi: mõni parameeter puudub või on vale.',
  'portasip.error.internalServerError': 'PortaSIP ei saanud päringut töödelda (sisemine viga).',
  'portasip.error.callNotFound': 'Seda kõnet PortaSIP-is enam ei ole.',
  'portasip.error.callControlDisabled': 'Selle konto kõnehaldus on PortaSIP-is välja lülitatud.',
  'portasip.error.internalError': 'PortaSIP teatas serveri sisemisest veast.',
  'portasip.error.noSession': 'PortaSIP ei avanud konsoolile API-seanssi.',
  'portasip.error.unsuccessful': 'PortaSIP ei täitnud päringut.',
  'portasip.error.other': 'PortaSIP lükkas päringu tagasi ({{code}}).',
  'portasip.error.otherDetail': 'PortaSIP lükkas päringu tagasi ({{code}}: {{detail}}).',
  'portasip.outcomeUnknown': '{{reason}} Pole teada, kas PortaSIP päringu täitis.',
  'portasip.dialCallback': 'Kõigepealt heliseb teie telefon ({{extension}}); kui vastate, helistab PortaSIP numbrile {{number}}.',
  'portasip.consultCallback':
    'Helistaja on ootel. Kõigepealt heliseb liin {{line}} ({{extension}}); kui vastate, helistab PortaSIP numbrile {{number}}.',
  'portasip.noSecondCall': 'Teist kõnet, millega seda ühendada, ei ole.',
  'portasip.error.notificationsDisabled': 'PortaSIP-is ei ole konsooli seansile kõneteavitusi sisse lülitatud.',
  'portasip.noBillId': '{{line}} ei saa helistada: ühenduse seadetes pole määratud PortaSwitchi kontot, mille arvele kõned lähevad.',
  'portasip.settings.billId': 'Konto, mille arvele vastuvõtu kõned lähevad',
  'portasip.settings.billIdHint':
    'Vastuvõtu telefoni PortaSwitchi konto ID (bill_id) nagu PortaBillingus (näiteks 37255501100), mitte sisenumber. Konsoolist tehtud kõned lähevad selle konto arvele.',
  'portasip.settings.queueNames': 'Kõnejärjekordade nimed',
  'portasip.settings.queueNamesHint':
    'API saadab ainult järjekorra ID (i_c_queue); nimetage järjekorrad siin kujul ID=nimi, semikooloniga eraldatult, näiteks 1=Müük; 2=Tugi (ID-d nagu PortaBillingu kõnejärjekordade loendis).',
  'portasip.settings.queueNamesInvalid': 'Järjekordade nimed: igaüks kujul järjekorra ID (number) = nimi, semikooloniga eraldatult.',
};

export const portasipRu: Catalog = {
  'portasip.error.unsupportedMethod': 'PortaSIP не знает такого метода.',
  'portasip.error.wrongParameters': 'PortaSIP отклонил запрос: параметр отсутствует или неверен.',
  'portasip.error.internalServerError': 'PortaSIP не смог обработать запрос (внутренняя ошибка).',
  'portasip.error.callNotFound': 'В PortaSIP этого звонка больше нет.',
  'portasip.error.callControlDisabled': 'Управление звонками для этой учётной записи в PortaSIP отключено.',
  'portasip.error.internalError': 'PortaSIP сообщил о внутренней ошибке сервера.',
  'portasip.error.noSession': 'PortaSIP не открыл для пульта сеанс API.',
  'portasip.error.unsuccessful': 'PortaSIP не выполнил запрос.',
  'portasip.error.other': 'PortaSIP отклонил запрос ({{code}}).',
  'portasip.error.otherDetail': 'PortaSIP отклонил запрос ({{code}}: {{detail}}).',
  'portasip.outcomeUnknown': '{{reason}} Неизвестно, выполнил ли PortaSIP запрос.',
  'portasip.dialCallback': 'Сначала зазвонит ваш телефон ({{extension}}); когда вы снимете трубку, PortaSIP наберёт {{number}}.',
  'portasip.consultCallback':
    'Абонент на удержании. Сначала зазвонит линия {{line}} ({{extension}}); когда вы снимете трубку, PortaSIP наберёт {{number}}.',
  'portasip.noSecondCall': 'Нет второго звонка, с которым можно соединить этот.',
  'portasip.error.notificationsDisabled': 'В PortaSIP для сеанса пульта не включены уведомления о звонках.',
  'portasip.noBillId':
    'С линии {{line}} нельзя звонить: в настройках подключения не указана учётная запись PortaSwitch, на которую относятся звонки.',
  'portasip.settings.billId': 'Учётная запись для оплаты звонков приёмной',
  'portasip.settings.billIdHint':
    'ID учётной записи PortaSwitch (bill_id) телефона приёмной, как в PortaBilling (например, 37255501100), а не внутренний номер. Звонки из пульта относятся на неё.',
  'portasip.settings.queueNames': 'Названия очередей вызовов',
  'portasip.settings.queueNamesHint':
    'API передаёт только идентификатор очереди (i_c_queue); назовите очереди здесь в виде ID=название через точку с запятой, например 1=Продажи; 2=Поддержка (идентификаторы как в списке очередей PortaBilling).',
  'portasip.settings.queueNamesInvalid': 'Названия очередей: каждая в виде ID очереди (число) = название, через точку с запятой.',
};

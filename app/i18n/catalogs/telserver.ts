/** What the TelServer connector says, in every language (keys start with 'telserver.'). */
import type { Catalog } from '../catalog';

export const telserverEn = {
  // TelServer's own error codes (an <error> reply), as the receptionist reads them.
  'telserver.error.pbxlinkOutOfService': 'TelServer has lost its link to the telephone system.',
  'telserver.error.pbxReject': 'The telephone system rejected the request.',
  'telserver.error.pbxTimeout': 'The telephone system did not answer in time.',
  'telserver.error.noCall': 'No call in the right state for that.',
  'telserver.error.noOpenSession': 'TelServer has no open session for this phone.',
  'telserver.error.sessionLimitExceeded': 'TelServer has reached the number of sessions its licence allows.',
  'telserver.error.reject': 'TelServer refused the request.',
  'telserver.error.invalidCredentials': 'TelServer did not accept the user ID or password.',
  'telserver.error.resourceError': 'TelServer ran short of resources (for example memory).',

  // Why a session ended (the connection goes offline and reconnects).
  'telserver.session.closedByAdmin': 'The session was closed by the administrator.',
  'telserver.session.closedByTimeout': 'TelServer closed the session after a period without activity.',
  'telserver.session.closedByMonitoringReject': 'The telephone system refused to monitor this phone.',
  'telserver.session.closedByClient': 'The session was closed by another client of this phone.',
  'telserver.session.gone': 'TelServer no longer has a session for this phone (it may have restarted).',
  'telserver.pbxLinkDown': 'TelServer has lost its link to the telephone system; calls cannot be seen or controlled.',
  'telserver.eventPortFailed': 'The console cannot receive TelServer events on {{address}} ({{reason}}).',

  // Commands TelServer cannot carry out.
  'telserver.forwardNotActive': 'No forward of that kind is active.',
  'telserver.noSecondCall': 'There is no second call to transfer to.',
  'telserver.noCallPark': 'TelServer does not offer call park.',

  // Why an answer cannot be read (the reason in transport.malformed); {{type}} is TelServices' own name of the result.
  'telserver.notTelServices': 'it is not a TelServices reply',
  'telserver.invalidUtf8': 'it is not valid UTF-8 text',
  'telserver.wrongResult.snapshot': 'a {{type}} result to a snapshot request',
  'telserver.wrongResult.search': 'a {{type}} result to a directory search',
} as const;

export const telserverDe: Catalog = {
  'telserver.error.pbxlinkOutOfService': 'TelServer hat die Verbindung zur TK-Anlage verloren.',
  'telserver.error.pbxReject': 'Die TK-Anlage hat die Anfrage abgelehnt.',
  'telserver.error.pbxTimeout': 'Die TK-Anlage hat nicht rechtzeitig geantwortet.',
  'telserver.error.noCall': 'Dafür gibt es keinen Anruf im passenden Zustand.',
  'telserver.error.noOpenSession': 'TelServer hat keine offene Sitzung für dieses Telefon.',
  'telserver.error.sessionLimitExceeded': 'TelServer hat die Zahl der Sitzungen erreicht, die seine Lizenz erlaubt.',
  'telserver.error.reject': 'TelServer hat die Anfrage abgelehnt.',
  'telserver.error.invalidCredentials': 'TelServer hat Benutzerkennung oder Passwort nicht akzeptiert.',
  'telserver.error.resourceError': 'TelServer hat nicht genug Ressourcen (zum Beispiel Arbeitsspeicher).',

  'telserver.session.closedByAdmin': 'Die Sitzung wurde vom Administrator beendet.',
  'telserver.session.closedByTimeout': 'TelServer hat die Sitzung nach einer Zeit ohne Aktivität beendet.',
  'telserver.session.closedByMonitoringReject': 'Die TK-Anlage hat die Überwachung dieses Telefons abgelehnt.',
  'telserver.session.closedByClient': 'Die Sitzung wurde von einem anderen Client dieses Telefons beendet.',
  'telserver.session.gone': 'TelServer hat keine Sitzung mehr für dieses Telefon (vielleicht wurde er neu gestartet).',
  'telserver.pbxLinkDown': 'TelServer hat die Verbindung zur TK-Anlage verloren; Anrufe können weder angezeigt noch gesteuert werden.',
  'telserver.eventPortFailed': 'Die Konsole kann keine TelServer-Ereignisse auf {{address}} empfangen ({{reason}}).',

  'telserver.forwardNotActive': 'Es ist keine Rufumleitung dieser Art aktiv.',
  'telserver.noSecondCall': 'Es gibt keinen zweiten Anruf zum Weiterverbinden.',
  'telserver.noCallPark': 'TelServer bietet kein Parken von Anrufen.',
  'telserver.notTelServices': 'es ist keine TelServices-Antwort',
  'telserver.invalidUtf8': 'es ist kein gültiger UTF-8-Text',
  'telserver.wrongResult.snapshot': 'ein Ergebnis {{type}} auf eine Snapshot-Anfrage',
  'telserver.wrongResult.search': 'ein Ergebnis {{type}} auf eine Verzeichnissuche',
};

export const telserverEt: Catalog = {
  'telserver.error.pbxlinkOutOfService': 'TelServeri ühendus telefonikeskjaamaga on katkenud.',
  'telserver.error.pbxReject': 'Telefonikeskjaam lükkas päringu tagasi.',
  'telserver.error.pbxTimeout': 'Telefonikeskjaam ei vastanud õigel ajal.',
  'telserver.error.noCall': 'Selleks sobivas olekus kõnet ei ole.',
  'telserver.error.noOpenSession': 'TelServeril ei ole selle telefoni jaoks avatud seanssi.',
  'telserver.error.sessionLimitExceeded': 'TelServer on jõudnud litsentsiga lubatud seansside arvuni.',
  'telserver.error.reject': 'TelServer keeldus päringust.',
  'telserver.error.invalidCredentials': 'TelServer ei aktsepteerinud kasutajatunnust või parooli.',
  'telserver.error.resourceError': 'TelServeril said ressursid (näiteks mälu) otsa.',

  'telserver.session.closedByAdmin': 'Administraator sulges seansi.',
  'telserver.session.closedByTimeout': 'TelServer sulges seansi pärast tegevusetut perioodi.',
  'telserver.session.closedByMonitoringReject': 'Telefonikeskjaam keeldus seda telefoni jälgimast.',
  'telserver.session.closedByClient': 'Seansi sulges selle telefoni teine klient.',
  'telserver.session.gone': 'TelServeril ei ole enam selle telefoni seanssi (võib-olla taaskäivitati see).',
  'telserver.pbxLinkDown': 'TelServeri ühendus telefonikeskjaamaga on katkenud; kõnesid ei saa näha ega juhtida.',
  'telserver.eventPortFailed': 'Konsool ei saa TelServeri sündmusi aadressil {{address}} vastu võtta ({{reason}}).',

  'telserver.forwardNotActive': 'Sellist suunamist ei ole sisse lülitatud.',
  'telserver.noSecondCall': 'Teist kõnet, kuhu edasi ühendada, ei ole.',
  'telserver.noCallPark': 'TelServer ei võimalda kõnesid parkida.',
  'telserver.notTelServices': 'see ei ole TelServicesi vastus',
  'telserver.invalidUtf8': 'see ei ole korrektne UTF-8 tekst',
  'telserver.wrongResult.snapshot': 'tulemus {{type}} hetkeseisu päringule',
  'telserver.wrongResult.search': 'tulemus {{type}} kataloogiotsingule',
};

export const telserverRu: Catalog = {
  'telserver.error.pbxlinkOutOfService': 'TelServer потерял связь с АТС.',
  'telserver.error.pbxReject': 'АТС отклонила запрос.',
  'telserver.error.pbxTimeout': 'АТС не ответила вовремя.',
  'telserver.error.noCall': 'Нет звонка в подходящем для этого состоянии.',
  'telserver.error.noOpenSession': 'У TelServer нет открытого сеанса для этого телефона.',
  'telserver.error.sessionLimitExceeded': 'TelServer достиг числа сеансов, разрешённого его лицензией.',
  'telserver.error.reject': 'TelServer отклонил запрос.',
  'telserver.error.invalidCredentials': 'TelServer не принял идентификатор пользователя или пароль.',
  'telserver.error.resourceError': 'TelServer не хватает ресурсов (например, памяти).',

  'telserver.session.closedByAdmin': 'Сеанс закрыт администратором.',
  'telserver.session.closedByTimeout': 'TelServer закрыл сеанс после периода бездействия.',
  'telserver.session.closedByMonitoringReject': 'АТС отказалась отслеживать этот телефон.',
  'telserver.session.closedByClient': 'Сеанс закрыт другим клиентом этого телефона.',
  'telserver.session.gone': 'У TelServer больше нет сеанса для этого телефона (возможно, он был перезапущен).',
  'telserver.pbxLinkDown': 'TelServer потерял связь с АТС; звонки не отображаются и ими нельзя управлять.',
  'telserver.eventPortFailed': 'Консоль не может принимать события TelServer на {{address}} ({{reason}}).',

  'telserver.forwardNotActive': 'Переадресация такого типа не включена.',
  'telserver.noSecondCall': 'Нет второго звонка, на который можно перевести.',
  'telserver.noCallPark': 'TelServer не поддерживает парковку звонков.',
  'telserver.notTelServices': 'это не ответ TelServices',
  'telserver.invalidUtf8': 'это не корректный текст UTF-8',
  'telserver.wrongResult.snapshot': 'результат {{type}} на запрос снимка состояния',
  'telserver.wrongResult.search': 'результат {{type}} на поиск в справочнике',
};

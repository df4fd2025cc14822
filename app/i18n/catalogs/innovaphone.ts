/** What the innovaphone connector says, in every language (keys start with 'innovaphone.'). */
import type { Catalog } from '../catalog';

export const innovaphoneEn = {
  'innovaphone.fact.gatekeeper': 'Gatekeeper ID',
  'innovaphone.fact.firmware': 'Firmware',
  'innovaphone.fact.interface': 'SOAP interface',
  'innovaphone.noEffect': 'The PBX accepted the request but did not act on it: the call did not change within a few seconds.',
  'innovaphone.redirectFailed': 'The PBX could not send the call on.',

  'innovaphone.fault': 'The PBX refused {{operation}}: {{reason}}',
  'innovaphone.notSoap': 'the reply to {{operation}} is not a SOAP message',
  'innovaphone.caFileUnreadable': 'The CA certificate file {{path}} cannot be read ({{reason}}).',
  'innovaphone.sessionRefused': 'The PBX refused a session for "{{user}}" (is it a PBX user with a group scope?).',
  'innovaphone.sessionNotConfirmed': 'The PBX did not confirm the new session (Echo failed).',
  'innovaphone.unknownUser': 'The PBX does not know the user "{{user}}" (or it is outside the session\'s scope).',
  'innovaphone.sessionLost': 'The PBX no longer knows the session (Echo failed).',

  'innovaphone.lineNotMonitored': 'The line is not monitored yet.',
  'innovaphone.notFromConsole': 'The innovaphone PBX cannot do that from the console.',
  'innovaphone.callNotReported': 'The PBX has not reported this call to the console yet; try again in a moment.',
  'innovaphone.noSecondCall': 'There is no second call to connect this call with.',
  'innovaphone.conferenceNeedsTwo': 'A conference needs one held and one active call.',
  'innovaphone.colleagueGone': 'That colleague is not in the presence list any more.',

  'innovaphone.dialFailed': 'The PBX could not place the call.',
  'innovaphone.consultFailed': 'The PBX could not place the consultation call.',
  'innovaphone.pickupFailed': 'The PBX could not pick up the call.',
  'innovaphone.parkFailed': 'The PBX could not park the call.',
  'innovaphone.unparkFailed': 'The PBX could not take the parked call back.',
} as const;

export const innovaphoneDe: Catalog = {
  'innovaphone.fact.gatekeeper': 'Gatekeeper-ID',
  'innovaphone.fact.firmware': 'Firmware',
  'innovaphone.fact.interface': 'SOAP-Schnittstelle',
  'innovaphone.noEffect':
    'Die TK-Anlage hat die Anfrage angenommen, aber nicht ausgeführt: Der Anruf hat sich in einigen Sekunden nicht geändert.',
  'innovaphone.redirectFailed': 'Die TK-Anlage konnte den Anruf nicht weiterleiten.',

  'innovaphone.fault': 'Die TK-Anlage hat {{operation}} abgelehnt: {{reason}}',
  'innovaphone.notSoap': 'die Antwort auf {{operation}} ist keine SOAP-Nachricht',
  'innovaphone.caFileUnreadable': 'Die CA-Zertifikatsdatei {{path}} kann nicht gelesen werden ({{reason}}).',
  'innovaphone.sessionRefused':
    'Die TK-Anlage hat keine Sitzung für „{{user}}“ eröffnet (ist das ein Benutzer der TK-Anlage mit Gruppenberechtigung?).',
  'innovaphone.sessionNotConfirmed': 'Die TK-Anlage hat die neue Sitzung nicht bestätigt (Echo fehlgeschlagen).',
  'innovaphone.unknownUser': 'Die TK-Anlage kennt den Benutzer „{{user}}“ nicht (oder er liegt außerhalb der Berechtigung der Sitzung).',
  'innovaphone.sessionLost': 'Die TK-Anlage kennt die Sitzung nicht mehr (Echo fehlgeschlagen).',

  'innovaphone.lineNotMonitored': 'Die Leitung wird noch nicht überwacht.',
  'innovaphone.notFromConsole': 'Das ist an der innovaphone-TK-Anlage über den Vermittlungsplatz nicht möglich.',
  'innovaphone.callNotReported':
    'Die TK-Anlage hat diesen Anruf dem Vermittlungsplatz noch nicht gemeldet; bitte gleich noch einmal versuchen.',
  'innovaphone.noSecondCall': 'Es gibt keinen zweiten Anruf, mit dem dieser Anruf verbunden werden kann.',
  'innovaphone.conferenceNeedsTwo': 'Für eine Konferenz braucht es einen gehaltenen und einen aktiven Anruf.',
  'innovaphone.colleagueGone': 'Diese Person steht nicht mehr in der Präsenzliste.',

  'innovaphone.dialFailed': 'Die TK-Anlage konnte den Anruf nicht aufbauen.',
  'innovaphone.consultFailed': 'Die TK-Anlage konnte die Rückfrage nicht aufbauen.',
  'innovaphone.pickupFailed': 'Die TK-Anlage konnte den Anruf nicht heranholen.',
  'innovaphone.parkFailed': 'Die TK-Anlage konnte den Anruf nicht parken.',
  'innovaphone.unparkFailed': 'Die TK-Anlage konnte den geparkten Anruf nicht zurückholen.',
};

export const innovaphoneEt: Catalog = {
  'innovaphone.fact.gatekeeper': 'Gatekeeper ID',
  'innovaphone.fact.firmware': 'Püsivara',
  'innovaphone.fact.interface': 'SOAP-liides',
  'innovaphone.noEffect': 'Keskjaam võttis päringu vastu, kuid ei täitnud seda: kõne ei muutunud mõne sekundi jooksul.',
  'innovaphone.redirectFailed': 'Keskjaam ei saanud kõnet edasi suunata.',

  'innovaphone.fault': 'Keskjaam keeldus päringust {{operation}}: {{reason}}',
  'innovaphone.notSoap': 'vastus päringule {{operation}} ei ole SOAP-sõnum',
  'innovaphone.caFileUnreadable': 'CA-sertifikaadi faili {{path}} ei saa lugeda ({{reason}}).',
  'innovaphone.sessionRefused':
    'Keskjaam ei avanud seanssi kasutajale „{{user}}“ (kas see on keskjaama kasutaja, kellel on grupi õigused?).',
  'innovaphone.sessionNotConfirmed': 'Keskjaam ei kinnitanud uut seanssi (Echo ebaõnnestus).',
  'innovaphone.unknownUser': 'Keskjaam ei tunne kasutajat „{{user}}“ (või on ta väljaspool seansi õigusi).',
  'innovaphone.sessionLost': 'Keskjaam ei tunne seanssi enam (Echo ebaõnnestus).',

  'innovaphone.lineNotMonitored': 'Liini veel ei jälgita.',
  'innovaphone.notFromConsole': 'innovaphone keskjaam ei võimalda seda konsoolist teha.',
  'innovaphone.callNotReported': 'Keskjaam pole seda kõnet konsoolile veel teatanud; proovige hetke pärast uuesti.',
  'innovaphone.noSecondCall': 'Pole teist kõnet, millega seda kõnet ühendada.',
  'innovaphone.conferenceNeedsTwo': 'Konverentsiks on vaja üht ootel ja üht aktiivset kõnet.',
  'innovaphone.colleagueGone': 'Seda kolleegi pole enam kohalolekunimekirjas.',

  'innovaphone.dialFailed': 'Keskjaam ei saanud kõnet alustada.',
  'innovaphone.consultFailed': 'Keskjaam ei saanud konsultatsioonikõnet alustada.',
  'innovaphone.pickupFailed': 'Keskjaam ei saanud kõnet üle võtta.',
  'innovaphone.parkFailed': 'Keskjaam ei saanud kõnet parkida.',
  'innovaphone.unparkFailed': 'Keskjaam ei saanud pargitud kõnet tagasi võtta.',
};

export const innovaphoneRu: Catalog = {
  'innovaphone.fact.gatekeeper': 'Gatekeeper ID',
  'innovaphone.fact.firmware': 'Прошивка',
  'innovaphone.fact.interface': 'Интерфейс SOAP',
  'innovaphone.noEffect': 'АТС приняла запрос, но не выполнила его: вызов не изменился за несколько секунд.',
  'innovaphone.redirectFailed': 'АТС не смогла перенаправить вызов.',

  'innovaphone.fault': 'АТС отклонила запрос {{operation}}: {{reason}}',
  'innovaphone.notSoap': 'ответ на {{operation}} не является сообщением SOAP',
  'innovaphone.caFileUnreadable': 'Не удаётся прочитать файл сертификата ЦС {{path}} ({{reason}}).',
  'innovaphone.sessionRefused': 'АТС не открыла сеанс для «{{user}}» (это пользователь АТС с правами на группу?).',
  'innovaphone.sessionNotConfirmed': 'АТС не подтвердила новый сеанс (Echo не прошёл).',
  'innovaphone.unknownUser': 'АТС не знает пользователя «{{user}}» (или он вне области видимости сеанса).',
  'innovaphone.sessionLost': 'АТС больше не знает этот сеанс (Echo не прошёл).',

  'innovaphone.lineNotMonitored': 'Линия ещё не отслеживается.',
  'innovaphone.notFromConsole': 'АТС innovaphone не позволяет сделать это с консоли.',
  'innovaphone.callNotReported': 'АТС ещё не сообщила консоли об этом вызове; повторите попытку чуть позже.',
  'innovaphone.noSecondCall': 'Нет второго вызова, с которым можно соединить этот вызов.',
  'innovaphone.conferenceNeedsTwo': 'Для конференции нужны один удерживаемый и один активный вызов.',
  'innovaphone.colleagueGone': 'Этого коллеги больше нет в списке присутствия.',

  'innovaphone.dialFailed': 'АТС не смогла установить вызов.',
  'innovaphone.consultFailed': 'АТС не смогла установить консультационный вызов.',
  'innovaphone.pickupFailed': 'АТС не смогла перехватить вызов.',
  'innovaphone.parkFailed': 'АТС не смогла припарковать вызов.',
  'innovaphone.unparkFailed': 'АТС не смогла вернуть припаркованный вызов.',
};

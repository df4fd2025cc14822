/** The ring sound: settings and the browser's one-time permission (keys start with 'sound.'). */
import type { Catalog } from '../catalog';

export const soundEn = {
  'sound.heading': 'Ring sound',
  'sound.muted': 'Mute the ring sound',
  'sound.volume': 'Ring volume',
  'sound.volumeValue': '{{volume}} %',
  'sound.doNotDisturb': 'Do not disturb is on: the console stays silent.',
  'sound.blocked': 'The browser holds back the ring sound until you allow it once.',
  'sound.allow': 'Allow the ring sound',
} as const;

export const soundDe: Catalog = {
  'sound.heading': 'Klingelton',
  'sound.muted': 'Klingelton stumm schalten',
  'sound.volume': 'Klingellautstärke',
  'sound.volumeValue': '{{volume}} %',
  'sound.doNotDisturb': '„Nicht stören“ ist an: Die Konsole bleibt stumm.',
  'sound.blocked': 'Der Browser hält den Klingelton zurück, bis Sie ihn einmal erlauben.',
  'sound.allow': 'Klingelton erlauben',
};

export const soundEt: Catalog = {
  'sound.heading': 'Helin',
  'sound.muted': 'Vaigista helin',
  'sound.volume': 'Helina helitugevus',
  'sound.volumeValue': '{{volume}} %',
  'sound.doNotDisturb': '„Mitte segada“ on sees: konsool on vaikne.',
  'sound.blocked': 'Brauser ei lase helinat mängida, kuni te selle ühe korra lubate.',
  'sound.allow': 'Luba helin',
};

export const soundRu: Catalog = {
  'sound.heading': 'Звук звонка',
  'sound.muted': 'Выключить звук звонка',
  'sound.volume': 'Громкость звонка',
  'sound.volumeValue': '{{volume}} %',
  'sound.doNotDisturb': 'Включён режим «Не беспокоить»: консоль молчит.',
  'sound.blocked': 'Браузер не воспроизводит звук звонка, пока вы один раз не разрешите его.',
  'sound.allow': 'Разрешить звук звонка',
};

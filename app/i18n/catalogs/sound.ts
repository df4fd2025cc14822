/** The ring sound: settings and the browser's one-time permission (keys start with 'sound.'). */
import type { Catalog } from '../catalog';

export const soundEn = {
  'sound.heading': 'Ring sound',
} as const;

export const soundDe: Catalog = {
  'sound.heading': 'Klingelton',
};

export const soundEt: Catalog = {
  'sound.heading': 'Helin',
};

export const soundRu: Catalog = {
  'sound.heading': 'Звук звонка',
};

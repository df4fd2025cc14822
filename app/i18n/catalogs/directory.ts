/** The directory, the contacts and caller identification, in every language (keys start with 'directory.'). */
import type { Catalog } from '../catalog';

export const directoryEn = {} as const;

export const directoryDe: Catalog = {};
export const directoryEt: Catalog = {};
export const directoryRu: Catalog = {};

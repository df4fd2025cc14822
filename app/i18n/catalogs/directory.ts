/** The directory, the contacts, caller identification and the journal, in every language (keys start with 'directory.' or 'journal.'). */
import type { Catalog } from '../catalog';

export const directoryEn = {} as const;

export const directoryDe: Catalog = {};
export const directoryEt: Catalog = {};
export const directoryRu: Catalog = {};

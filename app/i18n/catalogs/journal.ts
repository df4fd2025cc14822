/** The journal: call history that survives restarts, missed calls, notes, today at a glance (keys start with 'journal.'). */
import type { Catalog } from '../catalog';

export const journalEn = {} as const;

export const journalDe: Catalog = {};
export const journalEt: Catalog = {};
export const journalRu: Catalog = {};

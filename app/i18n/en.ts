/** The English catalog: the source of every key; the other languages translate exactly these. */
import { coreEn } from './catalogs/core';
import { desktopEn } from './catalogs/desktop';
import { directoryEn } from './catalogs/directory';
import { journalEn } from './catalogs/journal';
import { soundEn } from './catalogs/sound';
import { queuesEn } from './catalogs/queues';
import { workspaceEn } from './catalogs/workspace';
import { innovaphoneEn } from './catalogs/innovaphone';
import { portasipEn } from './catalogs/portasip';
import { teliaEn } from './catalogs/telia';
import { telserverEn } from './catalogs/telserver';
import { enUi } from './en-ui';

/** The English catalog by area; a key belongs to exactly one (catalogs.test.ts checks it). */
export const EN_AREAS = {
  ui: enUi,
  core: coreEn,
  telserver: telserverEn,
  innovaphone: innovaphoneEn,
  portasip: portasipEn,
  telia: teliaEn,
  desktop: desktopEn,
  directory: directoryEn,
  journal: journalEn,
  workspace: workspaceEn,
  sound: soundEn,
  queues: queuesEn,
} as const;

export const en = {
  ...enUi,
  ...coreEn,
  ...telserverEn,
  ...innovaphoneEn,
  ...portasipEn,
  ...teliaEn,
  ...desktopEn,
  ...directoryEn,
  ...journalEn,
  ...workspaceEn,
  ...soundEn,
  ...queuesEn,
} as const;

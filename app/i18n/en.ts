/** The English catalog: the source of every key; the other languages translate exactly these. */
import { enCore } from './en-core';
import { enUi } from './en-ui';

export const en = { ...enCore, ...enUi } as const;

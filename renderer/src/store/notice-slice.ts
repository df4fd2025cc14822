/**
 * Notices: what the console has to tell the receptionist outside a call row
 * — a refused command, an unreachable service, "Ringing your phone…". An
 * error stays until dismissed (it needs reading); information clears itself
 * after a few seconds. At most three show at once, newest first, so a storm
 * of refusals never buries the screen.
 */
import type { Message } from '../../../app/i18n/message';
import type { SliceCreator } from './types';

export type NoticeKind = 'error' | 'info';

export interface Notice {
  id: number;
  kind: NoticeKind;
  /** A sentence as the core sent it, or a message the window puts into its language. */
  text: Message;
}

export const MAX_NOTICES = 3;
/** How long an information notice stays. */
export const INFO_NOTICE_MS = 6_000;

export interface NoticeSlice {
  /** Newest first. */
  notices: Notice[];
  addNotice: (text: Message, kind?: NoticeKind) => void;
  dismissNotice: (id: number) => void;
}

let nextNoticeId = 1;

export const createNoticeSlice: SliceCreator<NoticeSlice> = (set, get) => ({
  notices: [],
  addNotice: (text, kind = 'error') => {
    const id = nextNoticeId++;
    set((state) => ({ notices: [{ id, kind, text }, ...state.notices].slice(0, MAX_NOTICES) }));
    if (kind === 'info') setTimeout(() => get().dismissNotice(id), INFO_NOTICE_MS);
  },
  dismissNotice: (id) => set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) })),
});

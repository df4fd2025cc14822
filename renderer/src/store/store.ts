import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AttendantApi } from '../../../app/contract';
import { createCommandSlice } from './command-slice';
import { createConsoleSlice } from './console-slice';
import { createDirectorySlice } from './directory-slice';
import { createHostSlice } from './host-slice';
import { createJournalSlice } from './journal-slice';
import { createLinkSlice } from './link-slice';
import { createNoticeSlice } from './notice-slice';
import { createSettingsSlice } from './settings-slice';
import type { AttendantState } from './types';
import { createUiSlice } from './ui-slice';

export type AttendantStore = StoreApi<AttendantState>;

/** One store per window (and per test), bound to the API it sends commands through. */
export function createAttendantStore(api: AttendantApi): AttendantStore {
  return createStore<AttendantState>()((...args) => ({
    ...createConsoleSlice(...args),
    ...createUiSlice(...args),
    ...createNoticeSlice(...args),
    ...createDirectorySlice(api)(...args),
    ...createCommandSlice(api)(...args),
    ...createSettingsSlice(api)(...args),
    ...createHostSlice(api)(...args),
    ...createJournalSlice(api)(...args),
    ...createLinkSlice(api)(...args),
  }));
}

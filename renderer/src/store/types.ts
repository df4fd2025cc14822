import type { StateCreator } from 'zustand/vanilla';
import type { CommandSlice } from './command-slice';
import type { ConsoleSlice } from './console-slice';
import type { DirectorySlice } from './directory-slice';
import type { HostSlice } from './host-slice';
import type { JournalSlice } from './journal-slice';
import type { LinkSlice } from './link-slice';
import type { NoticeSlice } from './notice-slice';
import type { SettingsSlice } from './settings-slice';
import type { UiSlice } from './ui-slice';

/** The whole renderer store: one object made of independent slices. */
export type AttendantState = ConsoleSlice &
  UiSlice &
  NoticeSlice &
  DirectorySlice &
  CommandSlice &
  SettingsSlice &
  HostSlice &
  JournalSlice &
  LinkSlice;

/** A slice sees the whole store (to read other slices) but defines only its own part. */
export type SliceCreator<Slice> = StateCreator<AttendantState, [], [], Slice>;

import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AttendantStore } from './store';
import type { AttendantState } from './types';

const StoreContext = createContext<AttendantStore | null>(null);

export function StoreProvider({ store, children }: { store: AttendantStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useAttendantStore(): AttendantStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAttendantStore must be used inside <StoreProvider>.');
  return store;
}

/** Reads the store through a selector; the component re-renders only when the selected value changes. */
export function useAttendant<Selected>(selector: (state: AttendantState) => Selected): Selected {
  return useStore(useAttendantStore(), selector);
}

type ActionName = {
  [Key in keyof AttendantState]: AttendantState[Key] extends (...args: never[]) => unknown ? Key : never;
}[keyof AttendantState];

/** Only the store's functions: data is read through `useAttendant(selector)`. */
export type AttendantActions = Pick<AttendantState, ActionName>;

/** The store's actions (stable functions; reading them never causes a re-render). */
export function useActions(): AttendantActions {
  return useAttendantStore().getState();
}

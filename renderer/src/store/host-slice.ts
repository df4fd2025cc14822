/**
 * What a page asks of the app hosting it rather than of the PBX: bring the
 * console forward with a call selected (the alert window's Show button),
 * open the CRM's page for a caller. A failure becomes a notice like any
 * refused command.
 */
import type { AttendantApi } from '../../../app/contract';
import { messageOfError } from '../bridge/bridge-error';
import type { SliceCreator } from './types';

export interface HostSlice {
  showCallInConsole: (callId: string) => Promise<void>;
  lookUpInCrm: (number: string) => Promise<void>;
}

export function createHostSlice(api: AttendantApi): SliceCreator<HostSlice> {
  return (_set, get) => ({
    async lookUpInCrm(number) {
      try {
        const result = await api.lookUpInCrm(number);
        if (!result.ok) get().addNotice(result.error);
      } catch (error) {
        get().addNotice(messageOfError(error));
      }
    },
    async showCallInConsole(callId) {
      try {
        await api.showCall(callId);
      } catch (error) {
        get().addNotice(messageOfError(error));
      }
    },
  });
}

/**
 * Everything that sends a command to the core. A command's reply only says
 * accepted or refused; the new call state arrives through the state stream.
 * A refusal (or an unreachable core) becomes a notice the receptionist can
 * read and dismiss.
 */
import type { CallCommand, Command, CommandResult } from '../../../app/commands';
import type { AttendantApi } from '../../../app/contract';
import { msg } from '../../../app/i18n/message';
import { ACTIONS_WITH_TARGET, type Call, type CallAction, type DirectoryEntry, type Line } from '../../../app/model';
import { looksLikeNumber, normalizeNumber } from '../../../app/phone';
import { selectAnswerTarget, selectCurrentLine, selectHangupTarget, selectHoldTarget } from './selectors';
import { messageOfError } from '../bridge/bridge-error';
import type { SliceCreator } from './types';

export interface CommandSlice {
  /** Sends a command; true when the core accepted it. */
  execute: (command: Command) => Promise<boolean>;
  /** A call's action button: sends it, or opens the destination form for actions that need a number. */
  runCallAction: (call: Call, action: CallAction) => Promise<boolean>;
  submitDestination: () => Promise<boolean>;
  dial: (text: string, lineId?: string) => Promise<boolean>;
  dialFromDialBox: () => Promise<boolean>;
  callFirstDirectoryResult: () => Promise<boolean>;
  fillDestinationFromDirectory: (entry: DirectoryEntry) => void;
  /** Keyboard: returns false when there was nothing to act on (so the key keeps its usual meaning). */
  answerRingingCall: () => boolean;
  holdOrRetrieveActiveCall: () => boolean;
  hangUpActiveCall: () => boolean;
  setDnd: (line: Line, enabled: boolean) => Promise<boolean>;
  setImmediateForward: (line: Line, to: string) => Promise<boolean>;
  clearImmediateForward: (line: Line) => Promise<boolean>;
  reconnectConnection: (connectionId: string) => Promise<boolean>;
}

export function needsDestination(action: CallAction): boolean {
  return ACTIONS_WITH_TARGET.includes(action);
}

export function createCommandSlice(api: AttendantApi): SliceCreator<CommandSlice> {
  return (_set, get) => {
    async function report(result: Promise<CommandResult>): Promise<boolean> {
      try {
        const outcome = await result;
        if (outcome.ok) {
          // What happens next when it is not obvious, e.g. "Ringing your phone…" (click-to-call).
          if (outcome.notice) get().addNotice(outcome.notice, 'info');
          return true;
        }
        get().addNotice(outcome.error);
      } catch (error) {
        get().addNotice(messageOfError(error));
      }
      return false;
    }

    /** Reads a typed number with the line's country; a bad number becomes a notice. */
    function readNumber(text: string, country: string): string | null {
      const result = normalizeNumber(text, country);
      if (result.ok) return result.number;
      get().addNotice(result.error);
      return null;
    }

    const execute = (command: Command) => report(api.execute(command));

    return {
      execute,

      async runCallAction(call, action) {
        get().selectCall(call.id);
        if (needsDestination(action)) {
          get().openDestinationForm(call.id, action);
          return true;
        }
        return execute({ kind: action, callId: call.id } as CallCommand);
      },

      async submitDestination() {
        const { pendingTarget, destinationText, console: consoleState } = get();
        if (!pendingTarget) return false;
        const call = consoleState.calls[pendingTarget.callId];
        if (!call) {
          get().cancelDestinationForm();
          get().addNotice(msg('notice.callEnded'));
          return false;
        }
        const to = readNumber(destinationText, consoleState.lines[call.lineId]?.country ?? '');
        if (to === null) return false;
        const accepted = await execute({ kind: pendingTarget.action, callId: call.id, to });
        if (accepted) get().cancelDestinationForm();
        return accepted;
      },

      async dial(text, lineId) {
        const state = get();
        const line = (lineId && state.console.lines[lineId]) || selectCurrentLine(state);
        if (!line) {
          state.addNotice(msg('notice.noLine'));
          return false;
        }
        const to = readNumber(text, line.country);
        if (to === null) return false;
        return execute({ kind: 'dial', lineId: line.id, to });
      },

      async dialFromDialBox() {
        const dialled = await get().dial(get().dialText);
        if (dialled) get().setDialText('');
        return dialled;
      },

      async callFirstDirectoryResult() {
        const query = get().directory.query;
        const [first] = await get().searchDirectoryNow();
        if (first) return get().dial(first.number);
        if (looksLikeNumber(query)) return get().dial(query);
        get().addNotice(msg('notice.noDirectoryMatch', { query: query.trim() }));
        return false;
      },

      fillDestinationFromDirectory(entry) {
        get().setDestinationText(entry.number);
      },

      answerRingingCall() {
        const call = selectAnswerTarget(get());
        if (!call) return false;
        get().selectCall(call.id);
        void execute({ kind: 'answer', callId: call.id });
        return true;
      },

      holdOrRetrieveActiveCall() {
        const target = selectHoldTarget(get());
        if (!target) return false;
        void execute({ kind: target.action, callId: target.call.id });
        return true;
      },

      hangUpActiveCall() {
        const call = selectHangupTarget(get());
        if (!call) return false;
        void execute({ kind: 'hangup', callId: call.id });
        return true;
      },

      setDnd: (line, enabled) => execute({ kind: 'setDnd', lineId: line.id, enabled }),

      async setImmediateForward(line, text) {
        const to = readNumber(text, line.country);
        if (to === null) return false;
        return execute({ kind: 'setForward', lineId: line.id, enabled: true, type: 'immediate', to });
      },

      clearImmediateForward: (line) => execute({ kind: 'setForward', lineId: line.id, enabled: false, type: 'immediate' }),

      reconnectConnection: (connectionId) => report(api.reconnect(connectionId)),
    };
  };
}

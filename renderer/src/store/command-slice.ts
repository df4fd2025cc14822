/**
 * Everything that sends a command to the core. A command's reply only says
 * accepted or refused; the new call state arrives through the state stream.
 * A refusal (or an unreachable core) becomes a notice the receptionist can
 * read and dismiss. After every action the focus goes where the next step
 * is: the call acted on, or the finder.
 */
import { agentKeyTarget } from '../../../app/agent';
import { callCommand, type Command, type CommandResult, type SettableAgentState } from '../../../app/commands';
import type { AttendantApi } from '../../../app/contract';
import { msg } from '../../../app/i18n/message';
import type { KeyCommand } from '../../../app/keymap';
import { ACTIONS_WITH_TARGET, type Call, type CallAction, type Line } from '../../../app/model';
import { normalizeNumber } from '../../../app/phone';
import { messageOfError } from '../bridge/bridge-error';
import { finderChoices, highlightedIndex, type FinderChoice } from './finder-choice';
import { finderIntents, type FinderIntent } from './finder-intents';
import {
  selectActionTarget,
  selectAgentKeyLine,
  selectTakeableCallers,
  selectAnswerTarget,
  selectCurrentLine,
  selectHangupTarget,
  selectHoldTarget,
  selectIsCallKnown,
  selectLineFor,
  reachableFromCall,
} from './selectors';
import type { SliceCreator } from './types';

export interface CommandSlice {
  /** Sends a command; true when the core accepted it. */
  execute: (command: Command) => Promise<boolean>;
  /** A call's action button: sends it, or has the finder ask for the destination of actions that need one. */
  runCallAction: (call: Call, action: CallAction) => Promise<boolean>;
  dial: (text: string, lineId?: string) => Promise<boolean>;
  /** An intent on a row (a button's), or on the highlighted row once the finder has answered for what is typed. */
  runFinderIntent: (intent: FinderIntent, choice?: FinderChoice) => Promise<boolean>;
  /** The finder's Enter (primary) or Shift+Enter / Ctrl+Enter (secondary) on its highlighted result. */
  finderKey: (which: 'primary' | 'consult' | 'addParty') => Promise<boolean>;
  /** A console key; false when it had nothing to act on. */
  runKeyCommand: (command: KeyCommand) => boolean;
  setDnd: (line: Line, enabled: boolean) => Promise<boolean>;
  setAgentState: (line: Line, state: SettableAgentState) => Promise<boolean>;
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

    /** Sends an action on a call and keeps the focus on that call's row (its next step is there). */
    async function act(call: Call, action: CallAction, to?: string): Promise<boolean> {
      const command = callCommand(action, call.id, to);
      if (!command) return false;
      get().focusCall(call.id);
      return execute(command);
    }

    /** The finder's highlighted result, after the finder has answered for what is typed now. */
    async function finderPick(): Promise<FinderChoice | null> {
      const query = get().directory.query.trim();
      if (!query) return null;
      const choices = finderChoices(query, await get().searchDirectoryNow());
      const choice = choices[highlightedIndex(choices, get().finderPicked)];
      if (choice) return choice;
      // A search that failed found nothing because it failed: the notice says what failed, never "no match".
      const { error, failures } = get().directory;
      const failure = failures[0];
      get().addNotice(
        error ??
          (failure
            ? msg('directory.vendorFailed', { source: failure.source, reason: failure.error })
            : msg('notice.noDirectoryMatch', { query })),
      );
      return null;
    }

    /** Done with the finder: empty it, so the next search starts clean. */
    function finishFinder() {
      get().clearDirectory();
      get().cancelDestinationForm();
    }

    /** A destination action by key: straight to the finder's pick when one is highlighted, else the finder asks. */
    async function destinationByKey(action: CallAction): Promise<boolean> {
      const call = selectActionTarget(get(), action);
      if (!call) return false;
      if (get().directory.query.trim()) return get().runFinderIntent({ kind: 'call-action', action, callId: call.id });
      get().openDestinationForm(call.id, action);
      return true;
    }

    return {
      execute,

      async runCallAction(call, action) {
        if (!selectIsCallKnown(call.id)(get())) return false;
        get().selectCall(call.id);
        if (needsDestination(action)) {
          get().openDestinationForm(call.id, action);
          return true;
        }
        return act(call, action);
      },

      async dial(text, lineId) {
        const state = get();
        // A line asked for (the journal's Call back: the line the call came in on) is that line or none: on another,
        // its extension 205 is someone else, or goes out through another PBX.
        if (lineId && !state.console.lines[lineId]) {
          state.addNotice(msg('command.lineUnavailable'));
          return false;
        }
        const line = (lineId && state.console.lines[lineId]) || selectCurrentLine(state);
        if (!line) {
          state.addNotice(msg('notice.noLine'));
          return false;
        }
        const to = readNumber(text, line.country);
        if (to === null) return false;
        return execute({ kind: 'dial', lineId: line.id, to });
      },

      async runFinderIntent(intent, choice) {
        const pick = choice ?? (await finderPick());
        if (!pick) return false;
        const entry = pick.entry;
        const who = entry ? entry.name || entry.number : '';
        if (intent.kind === 'dial') {
          // An extension is dialled on a line of its own PBX: on another, 204 is someone else.
          const line = entry?.connectionId === undefined ? undefined : selectLineFor(get(), entry.connectionId, 'dial');
          if (line === null) {
            get().addNotice(msg('notice.noLineOn', { source: entry?.source ?? '', name: who }));
            return false;
          }
          const dialled = await get().dial(entry?.number ?? pick.typed ?? '', line?.id);
          if (dialled) finishFinder();
          get().focusFinder();
          return dialled;
        }
        const state = get();
        const call = state.console.calls[intent.callId];
        if (!call) {
          get().cancelDestinationForm();
          get().addNotice(msg('notice.callEnded'));
          return false;
        }
        // Unknown while its connection is not online: nothing is sent, and the destination waits for it to be back.
        if (!selectIsCallKnown(call.id)(state)) {
          get().addNotice(msg('notice.callUnknown'));
          return false;
        }
        if (entry && !reachableFromCall(call.connectionId, entry)) {
          get().addNotice(msg('notice.otherPbx', { name: who, source: entry.source }));
          return false;
        }
        const to = entry ? entry.number : readNumber(pick.typed ?? '', state.console.lines[call.lineId]?.country ?? '');
        if (to === null) return false;
        const accepted = await act(call, intent.action, to);
        if (accepted) finishFinder();
        return accepted;
      },

      async finderKey(which) {
        const intents = finderIntents(get());
        const intent = which === 'primary' ? intents.primary : intents[which];
        if (!intent) {
          // Said, not silent: she pressed Shift+Enter (or Ctrl+Enter) and would otherwise wait for a call that never comes.
          get().addNotice(msg(which === 'consult' ? 'notice.cannotConsult' : 'notice.cannotAddParty'));
          return false;
        }
        return get().runFinderIntent(intent);
      },

      runKeyCommand(command) {
        const state = get();
        switch (command) {
          case 'answerNext': {
            const call = selectAnswerTarget(state);
            if (call) void act(call, 'answer');
            return call !== null;
          }
          case 'holdOrRetrieve': {
            const target = selectHoldTarget(state);
            if (target) void act(target.call, target.action);
            return target !== null;
          }
          case 'hangUp': {
            const call = selectHangupTarget(state);
            if (call) void act(call, 'hangup');
            return call !== null;
          }
          case 'finder':
            state.focusFinder();
            return true;
          case 'journal':
            state.focusJournal();
            return true;
          case 'takeQueued': {
            // The PBX's order: the first queue's longest-waiting caller.
            const [next] = selectTakeableCallers(state);
            if (next) void execute({ kind: 'pickup', lineId: next.line.id, colleagueId: next.queue.id, ref: next.call.ref });
            return next !== undefined;
          }
          case 'agentReady': {
            const line = selectAgentKeyLine(state);
            const target = line ? agentKeyTarget(line.agent) : undefined;
            if (line && target) void state.setAgentState(line, target);
            return target !== undefined;
          }
          case 'transfer':
          case 'consult':
          case 'divert':
          case 'addParty':
            if (!selectActionTarget(state, command)) return false;
            void destinationByKey(command);
            return true;
          case 'completeTransfer':
          case 'conference':
          case 'alternate':
          case 'reconnect':
          case 'park':
          case 'unpark': {
            const call = selectActionTarget(state, command);
            if (call) void act(call, command);
            return call !== null;
          }
        }
      },

      setDnd: (line, enabled) => execute({ kind: 'setDnd', lineId: line.id, enabled }),

      setAgentState: (line, agentState) => execute({ kind: 'setAgentState', lineId: line.id, state: agentState }),

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

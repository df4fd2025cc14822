/**
 * A real AttendantApi for tests: records every command and query, answers
 * with scripted results, and pushes StateMessages the way the core does.
 */
import type { Command, CommandResult } from '../../../app/commands';
import type { AttendantApi, DirectoryQuery, StateMessage } from '../../../app/contract';
import type { DirectoryEntry } from '../../../app/model';
import type { ConsoleState } from '../../../app/model';
import type { StateChange } from '../../../app/reducer';

export class FakeAttendant implements AttendantApi {
  readonly commands: Command[] = [];
  readonly reconnects: string[] = [];
  readonly searches: DirectoryQuery[] = [];
  /** How many times onState was called (a resubscribe calls it again). */
  subscriptions = 0;
  seq = 0;
  /** Decides each command's reply; accepts everything unless a test says otherwise. */
  respond: (command: Command) => CommandResult = () => ({ ok: true });
  /** Decides each directory answer; may return a promise the test resolves later. */
  answerSearch: (query: DirectoryQuery) => DirectoryEntry[] | Promise<DirectoryEntry[]> = () => [];

  private readonly listeners = new Set<(message: StateMessage) => void>();

  execute(command: Command): Promise<CommandResult> {
    this.commands.push(command);
    return Promise.resolve(this.respond(command));
  }

  searchDirectory(query: DirectoryQuery): Promise<DirectoryEntry[]> {
    this.searches.push(query);
    return Promise.resolve(this.answerSearch(query));
  }

  reconnect(connectionId: string): Promise<CommandResult> {
    this.reconnects.push(connectionId);
    return Promise.resolve({ ok: true });
  }

  onState(listener: (message: StateMessage) => void): () => void {
    this.subscriptions++;
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  pushSnapshot(state: ConsoleState, seq = ++this.seq): void {
    this.seq = seq;
    this.push({ type: 'snapshot', seq, state });
  }

  pushPatch(changes: StateChange[], seq = ++this.seq): void {
    this.seq = Math.max(this.seq, seq);
    this.push({ type: 'patch', seq, changes });
  }

  private push(message: StateMessage): void {
    for (const listener of [...this.listeners]) listener(message);
  }
}

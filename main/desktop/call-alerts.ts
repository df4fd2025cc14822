/**
 * The incoming-call alert's lifecycle, independent of how it is shown: an
 * alert appears for each call ringing here, is replaced when what it says
 * changes (the PBX often sends the caller's name a moment later), and is
 * closed as soon as the call stops ringing — answered here, answered
 * elsewhere, diverted or hung up. Do-not-disturb and "alerts off" suppress
 * new alerts and close the ones showing. The words come from the
 * translator of the moment, so a change of language redraws the alerts.
 */
import { lineName } from '../../app/line-name';
import { msg, type Message } from '../../app/i18n/message';
import type { Translator } from '../../app/i18n/translator';
import type { Call, ConsoleState } from '../../app/model';
import { isCallKnown } from '../../app/call-trust';
import { isWithheld } from '../../app/phone';

export interface AlertContent {
  title: string;
  body: string;
  /** The console can answer this call (its actions include 'answer'); otherwise it is answered on the phone. */
  answerable: boolean;
}

export interface AlertHandle {
  close(): void;
}

export interface AlertActions {
  /** The alert's Answer button (where the platform has one); absent when the console cannot answer the call. */
  answer?: () => void;
  /** A click on the alert: bring the console forward with this call. */
  show(): void;
}

/** Shows one alert (a native notification in the shell). */
export type ShowAlert = (callId: string, content: AlertContent, actions: AlertActions) => AlertHandle;

export interface AlertPreferences {
  enabled: boolean;
  doNotDisturb: boolean;
}

export interface CallAlertsOptions {
  show: ShowAlert;
  preferences(): AlertPreferences;
  answer(callId: string): void;
  focusCall(callId: string): void;
  /** The receptionist's language now (asked on every update). */
  translator(): Translator;
}

/**
 * Only the receptionist's own ringing calls (a watched colleague's extension,
 * Line.watched, rings at the colleague), and only while their connection is
 * online: a call on a connection that is not is unknown and never alerted.
 */
export function shouldAlert(call: Call, state: ConsoleState): boolean {
  return (
    call.direction === 'incoming' &&
    call.state === 'ringing' &&
    state.lines[call.lineId]?.watched !== true &&
    isCallKnown(call, state.connections)
  );
}

/** Said on an alert whose call the console cannot answer (a notify-only line such as Telia). */
export const ANSWER_ON_PHONE: Message = msg('desktop.alert.answerOnPhone');

export function alertContent(call: Call, state: ConsoleState, t: Translator): AlertContent {
  const { remote } = call;
  const number = isWithheld(remote.number) ? t(msg('desktop.alert.numberWithheld')) : remote.number;
  // Named as the call row names the caller and the line: a name of blanks is none, a line without a label is its extension.
  const name = remote.name?.trim();
  const title = t(msg('desktop.alert.calling', { caller: name || number }));
  const details: string[] = [];
  if (name) details.push(number);
  if (remote.company) details.push(remote.company);
  if (call.firstCalled?.number) details.push(t(msg('desktop.alert.dialled', { target: call.firstCalled.name ?? call.firstCalled.number })));
  if (call.redirectedBy?.number) details.push(t(msg('desktop.alert.via', { who: call.redirectedBy.name ?? call.redirectedBy.number })));
  const line = state.lines[call.lineId];
  if (line) details.push(t(msg('desktop.alert.onLine', { line: lineName(line) })));
  const answerable = call.actions.includes('answer');
  if (!answerable) details.push(t(ANSWER_ON_PHONE));
  return { title, body: details.join(' · '), answerable };
}

export class CallAlerts {
  private readonly showing = new Map<string, { key: string; handle: AlertHandle }>();

  constructor(private readonly options: CallAlertsOptions) {}

  /** Brings the alerts in line with the state; call on every state change and preference change. */
  update(state: ConsoleState): void {
    const { enabled, doNotDisturb } = this.options.preferences();
    const wanted = new Map<string, AlertContent>();
    if (enabled && !doNotDisturb) {
      const t = this.options.translator();
      for (const call of Object.values(state.calls)) if (shouldAlert(call, state)) wanted.set(call.id, alertContent(call, state, t));
    }
    for (const [callId, shown] of [...this.showing]) {
      const content = wanted.get(callId);
      if (!content || keyOf(content) !== shown.key) {
        shown.handle.close();
        this.showing.delete(callId);
      }
    }
    for (const [callId, content] of wanted) {
      if (this.showing.has(callId)) continue;
      const show = () => this.options.focusCall(callId);
      const actions: AlertActions = content.answerable ? { answer: () => this.options.answer(callId), show } : { show };
      const handle = this.options.show(callId, content, actions);
      this.showing.set(callId, { key: keyOf(content), handle });
    }
  }

  /** Call ids with an alert showing (tests, diagnostics). */
  get shownCallIds(): string[] {
    return [...this.showing.keys()];
  }

  closeAll(): void {
    for (const shown of this.showing.values()) shown.handle.close();
    this.showing.clear();
  }
}

function keyOf(content: AlertContent): string {
  return `${content.title}\n${content.body}\n${content.answerable}`;
}

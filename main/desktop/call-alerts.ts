/**
 * The incoming-call alert's lifecycle, independent of how it is shown: an
 * alert appears for each call ringing here, is replaced when what it says
 * changes (the PBX often sends the caller's name a moment later), and is
 * closed as soon as the call stops ringing — answered here, answered
 * elsewhere, diverted or hung up. Do-not-disturb and "alerts off" suppress
 * new alerts and close the ones showing.
 */
import type { Call, ConsoleState } from '../../app/model';
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
}

/** Only the receptionist's own ringing calls: a watched colleague's extension (Line.watched) rings at the colleague. */
export function shouldAlert(call: Call, state: ConsoleState): boolean {
  return call.direction === 'incoming' && call.state === 'ringing' && state.lines[call.lineId]?.watched !== true;
}

/** Said on an alert whose call the console cannot answer (a notify-only line such as Telia). */
export const ANSWER_ON_PHONE = 'Answer on your phone';

export function alertContent(call: Call, state: ConsoleState): AlertContent {
  const { remote } = call;
  const number = isWithheld(remote.number) ? 'Number withheld' : remote.number;
  const title = remote.name ? `${remote.name} is calling` : `${number} is calling`;
  const details: string[] = [];
  if (remote.name) details.push(number);
  if (remote.company) details.push(remote.company);
  if (call.firstCalled?.number) details.push(`dialled ${call.firstCalled.name ?? call.firstCalled.number}`);
  if (call.redirectedBy?.number) details.push(`via ${call.redirectedBy.name ?? call.redirectedBy.number}`);
  const line = state.lines[call.lineId];
  if (line) details.push(`on ${line.label}`);
  const answerable = call.actions.includes('answer');
  if (!answerable) details.push(ANSWER_ON_PHONE);
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
      for (const call of Object.values(state.calls)) if (shouldAlert(call, state)) wanted.set(call.id, alertContent(call, state));
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

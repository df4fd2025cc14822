/**
 * A device's calls the way TelServer reports them. The document: "A call
 * event always provides the information of the primary call (the first
 * existing call) and optionally the information of the secondary call".
 * So a device's second call shares the <call> of its first one as secCall,
 * whether it is a consultation the device placed or an unrelated call that
 * arrived meanwhile (call waiting); the two-call services (alternate,
 * transfer, conference, reconnect) act on that pair. A third call gets a
 * <call> of its own.
 *
 * The switch groups legs by consultation only, so this keeps, per session,
 * which legs share which <call>: a consultation always joins its primary's;
 * a lone new leg joins a <call> that has one leg; when the primary ends the
 * secondary becomes the primary and the <call> keeps its id. A caller
 * waiting in a queue here (state queued) keeps a <call> to itself.
 */
import type { DeviceView, LegView } from '../shared/switch';

export interface TelServerCall {
  id: string;
  primary: LegView;
  secondary?: LegView;
}

interface Slot {
  id: string;
  refs: string[];
}

export class DeviceCalls {
  private slots: Slot[] = [];

  /** The device's calls now; call it on every change so the pairing follows the calls' history. */
  compose(view: DeviceView): TelServerCall[] {
    const legs = new Map<string, LegView>();
    const groupOf = new Map<string, string>();
    for (const group of view.groups) {
      for (const leg of group.consultation ? [group.primary, group.consultation] : [group.primary]) {
        legs.set(leg.ref, leg);
        groupOf.set(leg.ref, group.id);
      }
    }
    // Ended legs leave; an emptied <call> is gone (its last event is the events module's business).
    for (const slot of this.slots) slot.refs = slot.refs.filter((ref) => legs.has(ref));
    this.slots = this.slots.filter((slot) => slot.refs.length > 0);

    const slotOf = (ref: string) => this.slots.find((s) => s.refs.includes(ref));
    for (const group of view.groups) {
      const consultation = group.consultation;
      if (!consultation) continue;
      const pair = [group.primary.ref, consultation.ref];
      const slot = slotOf(group.primary.ref) ?? slotOf(consultation.ref);
      if (!slot) {
        this.slots.push({ id: group.id, refs: pair });
        continue;
      }
      // A consultation placed while another call shared the primary's <call>: that one moves to a <call> of its own.
      for (const ref of slot.refs) if (!pair.includes(ref)) this.slots.push({ id: groupOf.get(ref) ?? ref, refs: [ref] });
      const elsewhere = slotOf(pair.find((ref) => !slot.refs.includes(ref)) ?? '');
      if (elsewhere && elsewhere !== slot) elsewhere.refs = elsewhere.refs.filter((ref) => !pair.includes(ref));
      slot.refs = pair;
    }
    this.slots = this.slots.filter((slot) => slot.refs.length > 0);

    // A caller waiting in a queue has a <call> of its own: it is no second call of the phone yet.
    const waiting = (ref: string) => legs.get(ref)?.state === 'queued' && legs.get(ref)?.isOutgoing === false;
    for (const group of view.groups) {
      if (group.consultation || slotOf(group.primary.ref)) continue;
      const single = waiting(group.primary.ref) ? undefined : this.slots.find((s) => s.refs.length === 1 && !waiting(s.refs[0] ?? ''));
      if (single) single.refs.push(group.primary.ref);
      else this.slots.push({ id: group.id, refs: [group.primary.ref] });
    }

    return this.slots.map((slot) => {
      const [primary, secondary] = slot.refs.map((ref) => legs.get(ref)).filter((leg): leg is LegView => leg !== undefined);
      if (!primary) throw new Error(`TelServer call ${slot.id} has no leg`);
      return secondary ? { id: slot.id, primary, secondary } : { id: slot.id, primary };
    });
  }
}

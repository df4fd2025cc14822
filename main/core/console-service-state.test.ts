/**
 * The core reduces its state in place (OwnedState): what it hands out — a
 * subscriber's snapshot, getState's result — must never change afterwards,
 * and a mirror built from the snapshot and the patches must equal the state.
 */
import { describe, expect, it } from 'vitest';
import type { StateMessage } from '../../app/contract';
import { applyChanges } from '../../app/reducer';
import { TEST_LINE_ID, startTestService } from '../testing/test-connector';

const flushed = () => new Promise((resolve) => setImmediate(resolve));

describe('ConsoleService state it hands out', () => {
  it('keeps every snapshot and getState result as it was while later events change the state', async () => {
    const { service, connector } = await startTestService();
    const messages: StateMessage[] = [];
    connector.ring('test/100#1', '+4930111');
    service.subscribe((m) => messages.push(m));
    const snapshot = messages[0];
    if (snapshot?.type !== 'snapshot') throw new Error('no snapshot first');
    const snapshotCopy = structuredClone(snapshot.state);

    connector.ring('test/100#2', '+4930222');
    await flushed();
    const held = service.getState();
    const heldCopy = structuredClone(held);

    // In place from here on (nobody was handed the next state yet), then read without taking a snapshot.
    for (let i = 3; i < 20; i++) connector.ring(`test/100#${i}`, `+49301${i}`);
    await flushed();
    connector.ring('test/100#20', '+4930999');
    await flushed();
    expect(service.readState((state) => Object.keys(state.calls).length)).toBe(20);

    expect(snapshot.state).toEqual(snapshotCopy);
    expect(held).toEqual(heldCopy);
    expect(Object.keys(held.calls)).toHaveLength(2);

    let mirror = snapshot.state;
    for (const m of messages.slice(1)) if (m.type === 'patch') mirror = applyChanges(mirror, m.changes);
    expect(mirror).toEqual(service.getState());
    expect(mirror.calls['test/100#20']?.lineId).toBe(TEST_LINE_ID);
    await service.stop();
  });

  it('edits its calls in place while nobody holds a snapshot, and copies them once after one was handed out', async () => {
    const { service, connector } = await startTestService();
    connector.ring('test/100#1', '+4930111');
    const before = service.readState((state) => state.calls); // identity only: which object holds the calls
    connector.ring('test/100#2', '+4930222');
    await flushed();
    expect(service.readState((state) => state.calls)).toBe(before); // no copy of the collection for this patch

    const kept = service.getState();
    connector.ring('test/100#3', '+4930333');
    await flushed();
    const copied = service.readState((state) => state.calls);
    expect(copied).not.toBe(kept.calls);
    connector.ring('test/100#4', '+4930444');
    await flushed();
    expect(service.readState((state) => state.calls)).toBe(copied);
    expect(Object.keys(kept.calls)).toEqual(['test/100#1', 'test/100#2']);
    await service.stop();
  });

  it('hands every subscriber of one seq the same snapshot message (a bridge serialises it once), and a new one after a change', async () => {
    const { service, connector } = await startTestService();
    const first: StateMessage[] = [];
    const second: StateMessage[] = [];
    service.subscribe((m) => first.push(m));
    service.subscribe((m) => second.push(m));
    expect(second[0]).toBe(first[0]);

    connector.ring('test/100#1', '+4930111');
    await flushed();
    // The patch too is one message for every subscriber.
    expect(second[1]).toBe(first[1]);
    const third: StateMessage[] = [];
    service.subscribe((m) => third.push(m));
    const snapshot = third[0];
    if (snapshot?.type !== 'snapshot') throw new Error('no snapshot first');
    expect(snapshot).not.toBe(first[0]);
    expect(snapshot.seq).toBe(first[1]?.seq);
    expect(Object.keys(snapshot.state.calls)).toEqual(['test/100#1']);
    await service.stop();
  });
});

import { describe, expect, it } from 'vitest';
import { FrameInbox } from './frame-inbox';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

function inbox(limits = { perTurn: 3, maxWaiting: 5 }) {
  const handled: string[] = [];
  const flow = { paused: 0, resumed: 0, pause: () => flow.paused++, resume: () => flow.resumed++ };
  return { handled, flow, box: new FrameInbox((text) => handled.push(text), flow, limits) };
}

describe('FrameInbox', () => {
  it('handles a few frames at once, in order', () => {
    const { handled, box } = inbox();
    box.push('a');
    box.push('b');
    expect(handled).toEqual(['a', 'b']);
  });

  it('handles at most its budget per turn of the event loop, the rest in later turns, in order', async () => {
    const { handled, box } = inbox();
    for (const text of ['1', '2', '3', '4', '5', '6', '7']) box.push(text);
    expect(handled).toEqual(['1', '2', '3']);
    expect(box.backlog).toBe(4);
    await nextTurn();
    expect(handled).toEqual(['1', '2', '3', '4', '5', '6']);
    // A frame arriving while others wait goes behind them.
    box.push('8');
    await nextTurn();
    expect(handled).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(box.backlog).toBe(0);
    // Once the backlog is gone, the budget starts over.
    await nextTurn();
    box.push('9');
    expect(handled.at(-1)).toBe('9');
  });

  it('stops reading the socket while too many frames wait, and reads again once they are handled', async () => {
    const { flow, box } = inbox();
    for (let i = 0; i < 8; i++) box.push(String(i));
    expect(flow).toMatchObject({ paused: 1, resumed: 0 });
    await nextTurn();
    expect(flow).toMatchObject({ paused: 1, resumed: 1 });
    expect(box.backlog).toBe(2);
  });

  it('drops what waits when the socket closes', async () => {
    const { handled, box } = inbox();
    for (let i = 0; i < 6; i++) box.push(String(i));
    box.close();
    box.push('late');
    await nextTurn();
    expect(handled).toEqual(['0', '1', '2']);
    expect(box.backlog).toBe(0);
  });
});

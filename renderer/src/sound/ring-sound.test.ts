import { describe, expect, it } from 'vitest';
import { elementVolume, isAudible, RingPlayer, type RingAudio, type RingConditions } from './ring-sound';

/**
 * An audio element stand-in: play() resolves (or rejects with `refuse`'s
 * error) on the next microtask, like a browser's; pause() rejects a pending play with AbortError.
 */
class FakeAudio implements RingAudio {
  paused = true;
  loop = false;
  volume = 1;
  currentTime = 0;
  plays = 0;
  refuse: string | null = null;
  private pending: ((error: DOMException) => void) | null = null;

  play(): Promise<void> {
    this.plays++;
    if (this.refuse) return Promise.reject(new DOMException('refused', this.refuse));
    this.paused = false;
    return new Promise((resolve, reject) => {
      this.pending = reject;
      queueMicrotask(() => {
        this.pending = null;
        resolve();
      });
    });
  }

  pause(): void {
    this.paused = true;
    this.pending?.(new DOMException('paused', 'AbortError'));
    this.pending = null;
  }
}

const RINGING: RingConditions = { ringing: true, muted: false, volume: 70, doNotDisturb: false };
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function player() {
  const audio = new FakeAudio();
  const ring = new RingPlayer(audio);
  let changes = 0;
  ring.onChange(() => changes++);
  return { audio, ring, changes: () => changes };
}

describe('when the ring is audible', () => {
  it('only while a call rings, not muted, not under do-not-disturb, above volume 0', () => {
    expect(isAudible(RINGING)).toBe(true);
    expect(isAudible({ ...RINGING, ringing: false })).toBe(false);
    expect(isAudible({ ...RINGING, muted: true })).toBe(false);
    expect(isAudible({ ...RINGING, doNotDisturb: true })).toBe(false);
    expect(isAudible({ ...RINGING, volume: 0 })).toBe(false);
  });

  it('maps percent to the element volume, clamped', () => {
    expect(elementVolume(70)).toBe(0.7);
    expect(elementVolume(100)).toBe(1);
    expect(elementVolume(150)).toBe(1);
    expect(elementVolume(-5)).toBe(0);
    expect(elementVolume(Number.NaN)).toBe(0);
  });
});

describe('the ring player', () => {
  it('loops the ring while a call rings, at the set volume, and stops and rewinds when none does', async () => {
    const { audio, ring } = player();
    expect(audio.loop).toBe(true);
    ring.update(RINGING);
    await settle();
    expect(audio.paused).toBe(false);
    expect(audio.volume).toBe(0.7);

    audio.currentTime = 1.3;
    ring.update({ ...RINGING, volume: 30 });
    expect(audio.volume).toBe(0.3);
    expect(audio.plays).toBe(1);

    ring.update({ ...RINGING, ringing: false });
    expect(audio.paused).toBe(true);
    expect(audio.currentTime).toBe(0);
  });

  it.each([
    ['muted', { muted: true }],
    ['at volume 0', { volume: 0 }],
    ['under do-not-disturb', { doNotDisturb: true }],
  ])('stays silent %s, and stops a ring already playing', async (_name, change) => {
    const silent = player();
    silent.ring.update({ ...RINGING, ...change });
    await settle();
    expect(silent.audio.plays).toBe(0);
    expect(silent.audio.paused).toBe(true);

    const playing = player();
    playing.ring.update(RINGING);
    await settle();
    playing.ring.update({ ...RINGING, ...change });
    expect(playing.audio.paused).toBe(true);
  });

  it('stops when the ring ends before play() settled', async () => {
    const { audio, ring } = player();
    ring.update(RINGING);
    ring.update({ ...RINGING, ringing: false });
    await settle();
    expect(audio.paused).toBe(true);
    expect(ring.needsGesture).toBe(false);
  });

  it('asks for a gesture once when the browser refuses to play, and plays on "allow"', async () => {
    const { audio, ring, changes } = player();
    audio.refuse = 'NotAllowedError';
    ring.update(RINGING);
    await settle();
    expect(ring.needsGesture).toBe(true);
    expect(changes()).toBe(1);
    expect(audio.paused).toBe(true);

    audio.refuse = null;
    ring.allow();
    expect(ring.needsGesture).toBe(false);
    expect(changes()).toBe(2);
    await settle();
    expect(audio.paused).toBe(false);
  });

  it('never asks twice in a page, even if the browser refuses again after it was allowed', async () => {
    const { audio, ring, changes } = player();
    audio.refuse = 'NotAllowedError';
    ring.update(RINGING);
    await settle();
    ring.update({ ...RINGING, volume: 50 });
    await settle();
    expect(changes()).toBe(1);

    ring.allow();
    ring.update({ ...RINGING, ringing: false });
    ring.update(RINGING);
    await settle();
    expect(ring.needsGesture).toBe(false);
    expect(changes()).toBe(2);
  });

  it('stops asking once a play succeeds (a click elsewhere on the page allowed it)', async () => {
    const { audio, ring } = player();
    audio.refuse = 'NotAllowedError';
    ring.update(RINGING);
    await settle();
    expect(ring.needsGesture).toBe(true);

    audio.refuse = null;
    ring.update({ ...RINGING, ringing: false });
    ring.update(RINGING);
    await settle();
    expect(ring.needsGesture).toBe(false);
    expect(audio.paused).toBe(false);
  });

  it('does not ask for a gesture for other failures (a missing file is no permission problem)', async () => {
    const { audio, ring } = player();
    audio.refuse = 'NotSupportedError';
    ring.update(RINGING);
    await settle();
    expect(ring.needsGesture).toBe(false);
  });

  it('survives an element whose play() throws or returns nothing (older engines, jsdom)', async () => {
    const throwing = player();
    throwing.audio.play = () => {
      throw new DOMException('refused', 'NotAllowedError');
    };
    throwing.ring.update(RINGING);
    await settle();
    expect(throwing.ring.needsGesture).toBe(true);

    const silent = player();
    silent.audio.play = () => undefined as unknown as Promise<void>;
    expect(() => silent.ring.update(RINGING)).not.toThrow();
    await settle();
    expect(silent.ring.needsGesture).toBe(false);
  });

  it('stops for good when disposed', async () => {
    const { audio, ring } = player();
    ring.update(RINGING);
    await settle();
    ring.dispose();
    expect(audio.paused).toBe(true);
  });
});

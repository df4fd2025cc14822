/**
 * The ring sound's logic, apart from React and the DOM so it is tested with
 * a fake audio element: loop the ring while a call rings here and the
 * receptionist wants to hear it, stop and rewind as soon as none does.
 *
 * A browser may refuse to play before the page had a user gesture
 * (Chromium's autoplay policy: play() rejects with NotAllowedError). Then
 * the player asks for one, once: `needsGesture` turns true until the
 * receptionist allows the sound (or any later play succeeds), and never
 * turns true again in this page.
 */

/** What the player uses of an HTMLAudioElement. */
export type RingAudio = Pick<HTMLAudioElement, 'play' | 'pause' | 'paused' | 'loop' | 'volume' | 'currentTime'>;

export interface RingConditions {
  /** A call rings here (selectRingingCalls is not empty). */
  ringing: boolean;
  muted: boolean;
  /** 0..100 (preferences.sound.volume). */
  volume: number;
  doNotDisturb: boolean;
}

/** Whether these conditions want the ring to be heard. */
export function isAudible(conditions: RingConditions): boolean {
  return conditions.ringing && !conditions.muted && !conditions.doNotDisturb && conditions.volume > 0;
}

/** The element's volume (0..1) for a volume in percent, whatever the number. */
export function elementVolume(percent: number): number {
  return Number.isFinite(percent) ? Math.min(1, Math.max(0, percent / 100)) : 0;
}

const SILENT: RingConditions = { ringing: false, muted: false, volume: 0, doNotDisturb: false };

type Autoplay = 'untried' | 'refused' | 'allowed';

export class RingPlayer {
  private conditions: RingConditions = SILENT;
  private autoplay: Autoplay = 'untried';
  private readonly listeners = new Set<() => void>();

  constructor(private readonly audio: RingAudio) {
    audio.loop = true;
  }

  /** True while the browser refuses to play and the receptionist has not allowed it yet. */
  get needsGesture(): boolean {
    return this.autoplay === 'refused';
  }

  /** Plays, keeps playing (at the new volume) or stops, as the conditions say. */
  update(conditions: RingConditions): void {
    this.conditions = conditions;
    this.audio.volume = elementVolume(conditions.volume);
    if (!isAudible(conditions)) this.stop();
    else if (this.audio.paused) this.start();
  }

  /**
   * Called from the receptionist's click on "allow": that click is the user
   * gesture the browser waits for, so a ring that is due starts right here.
   */
  allow(): void {
    this.setAutoplay('allowed');
    if (isAudible(this.conditions) && this.audio.paused) this.start();
  }

  /** Stops for good (the component unmounts). */
  dispose(): void {
    this.conditions = SILENT;
    this.stop();
    this.listeners.clear();
  }

  /** Called whenever needsGesture changes. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private start(): void {
    this.playing().then(
      () => {
        // The ring may have stopped while play() was pending.
        if (!isAudible(this.conditions)) this.stop();
        this.setAutoplay('allowed');
      },
      (error: unknown) => {
        // AbortError: a pause() came before playing began, which is what was wanted.
        if (isNotAllowed(error) && this.autoplay === 'untried') this.setAutoplay('refused');
      },
    );
  }

  /**
   * play() as a promise whatever the element does: called right here, inside
   * the click that allowed it, yet an element that throws or returns nothing
   * (older engines, jsdom) cannot break the window.
   */
  private playing(): Promise<void> {
    try {
      return Promise.resolve(this.audio.play());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private stop(): void {
    if (!this.audio.paused) this.audio.pause();
    // The next ring starts at the beginning of its cadence.
    this.audio.currentTime = 0;
  }

  private setAutoplay(next: Autoplay): void {
    if (this.autoplay === next) return;
    this.autoplay = next;
    for (const listener of [...this.listeners]) listener();
  }
}

function isNotAllowed(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'name' in error && error.name === 'NotAllowedError';
}

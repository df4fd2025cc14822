import { useEffect, useRef, useState } from 'react';
import ringUrl from '../../../assets/ring.wav';
import { DEFAULT_PREFERENCES } from '../../../app/preferences';
import { useT } from '../i18n/language';
import { useAttendant } from '../store/context';
import { selectRingingCalls } from '../store/selectors';
import type { AttendantState } from '../store/types';
import { RingPlayer } from './ring-sound';
import './ring-sound.css';

/** The saved preferences, or the defaults when loading them failed (better a ring than a missed call); null while loading. */
function soundPreferences(state: AttendantState) {
  if (state.settings) return state.settings.preferences;
  return state.settingsLoadError ? DEFAULT_PREFERENCES : null;
}

/**
 * Loops assets/ring.wav while a call rings here (selectRingingCalls), at the
 * volume set in Settings; silent when muted, at volume 0, under
 * do-not-disturb, and until the preferences are known. When the browser
 * refuses to play before a user gesture, asks once for a click that allows it.
 */
export function RingSound() {
  const ringing = useAttendant((state) => selectRingingCalls(state).length > 0);
  const known = useAttendant((state) => soundPreferences(state) !== null);
  const muted = useAttendant((state) => soundPreferences(state)?.sound.muted ?? true);
  const volume = useAttendant((state) => soundPreferences(state)?.sound.volume ?? 0);
  const doNotDisturb = useAttendant((state) => soundPreferences(state)?.alerts.doNotDisturb ?? false);
  const t = useT();
  const audio = useRef<HTMLAudioElement>(null);
  const [player, setPlayer] = useState<RingPlayer | null>(null);
  const [needsGesture, setNeedsGesture] = useState(false);

  useEffect(() => {
    if (!audio.current) return;
    const created = new RingPlayer(audio.current);
    const stopListening = created.onChange(() => setNeedsGesture(created.needsGesture));
    setPlayer(created);
    return () => {
      stopListening();
      created.dispose();
    };
  }, []);

  useEffect(() => {
    player?.update({ ringing: ringing && known, muted, volume, doNotDisturb });
  }, [player, ringing, known, muted, volume, doNotDisturb]);

  return (
    <>
      {/* No controls: nothing on screen, nothing in the accessibility tree; the ringing banner says what rings. */}
      <audio ref={audio} className="ring-sound" src={ringUrl} preload="auto" loop />
      {needsGesture && (
        <div className="ring-sound-prompt" role="status">
          <p>{t('sound.blocked')}</p>
          <button type="button" onClick={() => player?.allow()}>
            {t('sound.allow')}
          </button>
        </div>
      )}
    </>
  );
}

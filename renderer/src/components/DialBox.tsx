import type { FormEvent, KeyboardEvent } from 'react';
import { useActions, useAttendant } from '../store/context';
import { selectDialText } from '../store/selectors';

export function DialBox() {
  const dialText = useAttendant(selectDialText);
  const { setDialText, dialFromDialBox } = useActions();

  function submit(event: FormEvent) {
    event.preventDefault();
    void dialFromDialBox();
  }

  // Enter with text dials here; an empty box leaves Enter to the global "answer the ringing call".
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter' && dialText.trim()) {
      event.preventDefault();
      void dialFromDialBox();
    }
  }

  return (
    <section className="panel dial-box" aria-labelledby="dial-heading">
      <h2 id="dial-heading">Dial</h2>
      <form className="inline-form" onSubmit={submit}>
        <label className="field">
          <span>Number to dial</span>
          <input
            type="text"
            inputMode="tel"
            autoComplete="off"
            value={dialText}
            onChange={(event) => setDialText(event.target.value)}
            onKeyDown={onKeyDown}
          />
        </label>
        <button type="submit" className="primary">
          Dial
        </button>
      </form>
    </section>
  );
}

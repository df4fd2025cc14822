import type { FormEvent } from 'react';
import { useActions, useAttendant } from '../store/context';
import { selectDialText } from '../store/selectors';
import { NumberField } from './NumberField';

export function DialBox() {
  const dialText = useAttendant(selectDialText);
  const { setDialText, dialFromDialBox } = useActions();

  function submit(event: FormEvent) {
    event.preventDefault();
    void dialFromDialBox();
  }

  return (
    <section className="panel dial-box" aria-labelledby="dial-heading">
      <h2 id="dial-heading">Dial</h2>
      <form className="inline-form" onSubmit={submit}>
        {/* Enter with text dials here; an empty box leaves Enter to the global "answer the ringing call". */}
        <NumberField label="Number to dial" value={dialText} onChange={setDialText} onEnter={() => void dialFromDialBox()} />
        <button type="submit" className="primary">
          Dial
        </button>
      </form>
    </section>
  );
}

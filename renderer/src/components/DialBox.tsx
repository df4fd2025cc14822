import type { FormEvent } from 'react';
import { useT } from '../i18n/language';
import { useActions, useAttendant } from '../store/context';
import { selectDialText } from '../store/selectors';
import { NumberField } from './NumberField';

export function DialBox() {
  const dialText = useAttendant(selectDialText);
  const { setDialText, dialFromDialBox } = useActions();
  const t = useT();

  function submit(event: FormEvent) {
    event.preventDefault();
    void dialFromDialBox();
  }

  return (
    <section className="panel dial-box" aria-labelledby="dial-heading">
      <h2 id="dial-heading">{t('dial.heading')}</h2>
      <form className="inline-form" onSubmit={submit}>
        {/* Enter with text dials here; an empty box leaves Enter to the global "answer the ringing call". */}
        <NumberField label={t('dial.number')} value={dialText} onChange={setDialText} onEnter={() => void dialFromDialBox()} />
        <button type="submit" className="primary">
          {t('dial.submit')}
        </button>
      </form>
    </section>
  );
}

import type { FormEvent } from 'react';
import type { MessageKey } from '../../../app/i18n/message';
import type { CallAction } from '../../../app/model';
import { ACTION_KEY } from '../format/labels';
import { useT } from '../i18n/language';
import { useActions, useAttendant } from '../store/context';
import { selectDestinationText } from '../store/selectors';
import { NumberField } from './NumberField';

/** The confirm button of each action that asks for a number; any other says "Confirm <action>". */
const CONFIRM_KEY: Partial<Record<CallAction, MessageKey>> = {
  transfer: 'call.destination.confirmTransfer',
  consult: 'call.destination.confirmConsult',
  divert: 'call.destination.confirmDivert',
  addParty: 'call.destination.confirmAddParty',
};

/** The number a transfer / consult / divert / add party goes to; the directory's "Use …" fills it too. */
export function DestinationForm({ action }: { action: CallAction }) {
  const destination = useAttendant(selectDestinationText);
  const { setDestinationText, submitDestination, cancelDestinationForm } = useActions();
  const t = useT();
  const confirmKey = CONFIRM_KEY[action];

  function submit(event: FormEvent) {
    event.preventDefault();
    void submitDestination();
  }

  return (
    // Clicks inside the form must not bubble to the row (which would only re-select it).
    <form className="inline-form destination-form" onSubmit={submit} onClick={(event) => event.stopPropagation()}>
      <NumberField
        label={t('call.destination.number')}
        value={destination}
        onChange={setDestinationText}
        onEnter={() => void submitDestination()}
        autoFocus
      />
      <button type="submit" className="primary">
        {confirmKey ? t(confirmKey) : t('call.destination.confirm', { action: t(ACTION_KEY[action]) })}
      </button>
      <button type="button" onClick={cancelDestinationForm}>
        {t('common.cancel')}
      </button>
    </form>
  );
}

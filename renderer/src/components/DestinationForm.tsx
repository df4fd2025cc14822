import type { FormEvent } from 'react';
import { ACTION_LABEL, type CallAction } from '../../../app/model';
import { useActions, useAttendant } from '../store/context';
import { selectDestinationText } from '../store/selectors';
import { NumberField } from './NumberField';

/** The number a transfer / consult / divert / add party goes to; the directory's "Use …" fills it too. */
export function DestinationForm({ action }: { action: CallAction }) {
  const destination = useAttendant(selectDestinationText);
  const { setDestinationText, submitDestination, cancelDestinationForm } = useActions();

  function submit(event: FormEvent) {
    event.preventDefault();
    void submitDestination();
  }

  return (
    // Clicks inside the form must not bubble to the row (which would only re-select it).
    <form className="inline-form destination-form" onSubmit={submit} onClick={(event) => event.stopPropagation()}>
      <NumberField
        label="Destination number"
        value={destination}
        onChange={setDestinationText}
        onEnter={() => void submitDestination()}
        autoFocus
      />
      <button type="submit" className="primary">
        Confirm {ACTION_LABEL[action]}
      </button>
      <button type="button" onClick={cancelDestinationForm}>
        Cancel
      </button>
    </form>
  );
}

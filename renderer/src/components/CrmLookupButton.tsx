import type { Call } from '../../../app/model';
import { isDiallable } from '../format/party';
import { useT } from '../i18n/language';
import { useActions, useAttendant } from '../store/context';
import { selectCrmUrlTemplate } from '../store/selectors';

/** Opens the caller in the configured CRM; shown only when a CRM address is set and the call has a number. */
export function CrmLookupButton({ call }: { call: Call }) {
  const configured = useAttendant(selectCrmUrlTemplate) !== '';
  const { lookUpInCrm } = useActions();
  const t = useT();
  if (!configured || !isDiallable(call.remote)) return null;
  return (
    <button
      type="button"
      className="call__crm"
      onClick={(event) => {
        // The row's own click selects the call; this button only opens the CRM.
        event.stopPropagation();
        void lookUpInCrm(call.remote.number);
      }}
    >
      {t('call.lookUpInCrm')}
    </button>
  );
}

import { CALL_ACTIONS, type Call } from '../../../app/model';
import { ACTION_KEY } from '../format/labels';
import { useT } from '../i18n/language';
import { useActions } from '../store/context';

/** Exactly the actions the call allows now, always in the same order so buttons do not jump. */
export function CallActions({ call }: { call: Call }) {
  const { runCallAction } = useActions();
  const t = useT();
  const actions = CALL_ACTIONS.filter((action) => call.actions.includes(action));
  if (actions.length === 0) return null;
  return (
    <div className="call__actions">
      {actions.map((action) => (
        <button
          key={action}
          type="button"
          className={`action action--${action}`}
          onClick={(event) => {
            event.stopPropagation();
            void runCallAction(call, action);
          }}
        >
          {t(ACTION_KEY[action])}
        </button>
      ))}
    </div>
  );
}

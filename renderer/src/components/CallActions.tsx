import { ariaKeyShortcut } from '../../../app/keymap';
import { CALL_ACTIONS, type Call, type CallAction } from '../../../app/model';
import { ACTION_KEY } from '../format/labels';
import { useT } from '../i18n/language';
import { useActions } from '../store/context';
import { KeyHint } from './KeyHint';

/**
 * Exactly the actions the call allows now, always in the same order so
 * buttons do not jump. Each button keeps its plain name ("Answer") and
 * reaches the caller through `aria-describedby`; the key that would act on
 * this call now is shown beside it and told by `aria-keyshortcuts`. A
 * pointer press never leaves the focus on the button (an accidental second
 * press of Enter must not repeat it): the action itself puts the focus where
 * the next step is.
 */
export function CallActions({ call, describedBy, keys }: { call: Call; describedBy: string; keys: Partial<Record<CallAction, string>> }) {
  const { runCallAction } = useActions();
  const t = useT();
  const actions = CALL_ACTIONS.filter((action) => call.actions.includes(action));
  if (actions.length === 0) return null;
  return (
    <div className="call__actions">
      {actions.map((action) => {
        const chord = keys[action];
        return (
          <button
            key={action}
            type="button"
            className={`action action--${action}`}
            aria-describedby={describedBy}
            aria-keyshortcuts={chord ? ariaKeyShortcut(chord) : undefined}
            onClick={(event) => {
              event.stopPropagation();
              void runCallAction(call, action);
            }}
          >
            {t(ACTION_KEY[action])}
            {chord && <KeyHint chordText={chord} />}
          </button>
        );
      })}
    </div>
  );
}

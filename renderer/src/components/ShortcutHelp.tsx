import { Fragment } from 'react';
import type { MessageKey } from '../../../app/i18n/message';
import { useT } from '../i18n/language';

/** A keycap: a named key in the window's language, or a function key as every keyboard prints it. */
type Keycap = { named: MessageKey } | { printed: string };

const SHORTCUTS: readonly { keycap: Keycap; does: MessageKey }[] = [
  { keycap: { named: 'shortcut.key.enter' }, does: 'shortcut.answer' },
  { keycap: { printed: 'F8' }, does: 'shortcut.holdOrRetrieve' },
  { keycap: { printed: 'F9' }, does: 'shortcut.hangUp' },
  { keycap: { printed: 'F2' }, does: 'shortcut.search' },
  { keycap: { named: 'shortcut.key.escape' }, does: 'shortcut.clear' },
];

/** The keys, on screen, so nobody has to remember them. Kept in step with keyboard/shortcuts.ts. */
export function ShortcutHelp() {
  const t = useT();
  return (
    <section className="panel shortcuts" aria-labelledby="shortcuts-heading">
      <h2 id="shortcuts-heading">{t('shortcut.heading')}</h2>
      <dl>
        {SHORTCUTS.map(({ keycap, does }) => (
          <Fragment key={does}>
            <dt>
              <kbd>{'named' in keycap ? t(keycap.named) : keycap.printed}</kbd>
            </dt>
            <dd>{t(does)}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}

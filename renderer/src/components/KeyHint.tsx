import { chordLabel } from '../../../app/keymap';

/**
 * The key that does a button's job, shown beside its words. Hidden from the
 * accessibility tree: the button's name stays "Answer", and the key is
 * told through the button's `aria-keyshortcuts`.
 */
export function KeyHint({ chordText }: { chordText: string }) {
  return (
    <kbd className="key-hint" aria-hidden="true">
      {chordLabel(chordText)}
    </kbd>
  );
}

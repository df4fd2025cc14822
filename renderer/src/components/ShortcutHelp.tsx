/** The keys, on screen, so nobody has to remember them. Kept in step with keyboard/shortcuts.ts. */
export function ShortcutHelp() {
  return (
    <section className="panel shortcuts" aria-labelledby="shortcuts-heading">
      <h2 id="shortcuts-heading">Keyboard shortcuts</h2>
      <dl>
        <dt>
          <kbd>Enter</kbd>
        </dt>
        <dd>Answer the ringing call (in a field with text: dial, confirm or call the first match)</dd>
        <dt>
          <kbd>F8</kbd>
        </dt>
        <dd>Hold or retrieve the selected call</dd>
        <dt>
          <kbd>F9</kbd>
        </dt>
        <dd>Hang up the selected call</dd>
        <dt>
          <kbd>F2</kbd>
        </dt>
        <dd>Search the directory</dd>
        <dt>
          <kbd>Esc</kbd>
        </dt>
        <dd>Clear the search and cancel a transfer form</dd>
      </dl>
    </section>
  );
}

import type { KeyboardEvent } from 'react';

interface NumberFieldProps {
  /** The visible label, which is also the textbox's accessible name. */
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Enter with text in the field: the field's own action (a global Enter answers calls otherwise). */
  onEnter: () => void;
  onEscape?: () => void;
  autoFocus?: boolean;
}

/** A labelled phone-number textbox: telephone keypad on touch devices, no autocomplete, Enter submits. */
export function NumberField({ label, value, onChange, onEnter, onEscape, autoFocus }: NumberFieldProps) {
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter' && value.trim()) {
      event.preventDefault();
      onEnter();
    } else if (event.key === 'Escape' && onEscape) {
      onEscape();
    }
  }
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="text"
        inputMode="tel"
        autoComplete="off"
        autoFocus={autoFocus}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
      />
    </label>
  );
}

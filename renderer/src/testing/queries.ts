/** Queries the renderer tests share. */
import { screen, within } from '@testing-library/react';

/** An element's text as a screen reader names it: without what is aria-hidden (the key shown beside a button's words). */
export function spokenText(element: Element): string {
  const copy = element.cloneNode(true);
  if (copy instanceof Element) for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
  return copy.textContent ?? '';
}

/** The names of the buttons inside an element, in order. */
export function buttonNames(element: HTMLElement): string[] {
  return within(element)
    .queryAllByRole('button')
    .map((button) => spokenText(button));
}

/** The calls region (waiting and in progress). */
export function callsRegion(): HTMLElement {
  return screen.getByRole('region', { name: 'Calls' });
}

/** The finder's field. */
export function finderField(): HTMLElement {
  return screen.getByRole('textbox', { name: 'Find a name or number' });
}

/**
 * jsdom lays nothing out: every element is 0 × 0. A virtual list would then
 * see a viewport of no height and show one row. Tests get a window-sized
 * viewport for the elements marked as virtual viewports (rows still measure
 * 0, so every row of a short list is shown); a test about virtualisation
 * itself gives rows a height of its own (see CallList.test.tsx).
 */
if (typeof HTMLElement !== 'undefined') {
  const viewport = (element: HTMLElement, size: number, fallback: number) =>
    element.hasAttribute('data-virtual-viewport') ? size : fallback;
  const clientHeight = Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight');
  const clientWidth = Object.getOwnPropertyDescriptor(Element.prototype, 'clientWidth');
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return viewport(this, 800, Number(clientHeight?.get?.call(this) ?? 0));
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
    configurable: true,
    get(this: HTMLElement) {
      return viewport(this, 600, Number(clientWidth?.get?.call(this) ?? 0));
    },
  });
}

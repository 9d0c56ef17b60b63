/** What a patient on a phone, or at 200 % zoom, would see go wrong in an element's layout, measured. */

/** Controls and links of a shadow tree that are on screen (not `hidden`, not in a closed report). */
function shown(root: ShadowRoot, selector: string): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(selector)].filter((e) => e.getClientRects().length > 0);
}

/** A short description of an element for a failure message. */
function describe(e: Element): string {
  return `<${e.localName}${e.className ? `.${String(e.className).trim().replace(/\s+/g, '.')}` : ''}> "${(e.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)}"`;
}

/** Every text node under `root`, shadow trees of nested elements included. */
function textNodes(root: Node): Text[] {
  const found: Text[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) found.push(node as Text);
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    for (const child of node.childNodes) walk(child);
  };
  walk(root);
  return found;
}

/** How many lines a range of text is laid out on (its boxes' distinct tops). */
function lines(range: Range): number {
  return new Set([...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0).map((r) => Math.round(r.top))).size;
}

/**
 * The layout faults in `el`: horizontal overflow, a control or link outside the element's box or
 * under 24×24 px, a word of up to 20 letters split over two lines, a text laid out a letter a line.
 * An empty list when there are none.
 */
export function layoutFaults(el: HTMLElement): string[] {
  const faults: string[] = [];
  const root = el.shadowRoot!;
  if (el.scrollWidth > el.clientWidth + 1) faults.push(`the element scrolls sideways: ${el.scrollWidth} > ${el.clientWidth}`);
  const page = document.scrollingElement!;
  if (page.scrollWidth > page.clientWidth + 1) faults.push(`the page scrolls sideways: ${page.scrollWidth} > ${page.clientWidth}`);
  const box = el.getBoundingClientRect();
  for (const control of shown(root, 'button, a[href], input, select, textarea')) {
    const r = control.getBoundingClientRect();
    if (r.left < box.left - 1 || r.right > box.right + 1) faults.push(`${describe(control)} sticks out of the element: ${Math.round(r.left)}–${Math.round(r.right)} outside ${Math.round(box.left)}–${Math.round(box.right)}`);
    if (control.matches('button, a[href]') && (r.width < 24 || r.height < 24)) faults.push(`${describe(control)} is smaller than 24×24: ${Math.round(r.width)}×${Math.round(r.height)}`);
    const lineHeight = parseFloat(getComputedStyle(control).lineHeight) || parseFloat(getComputedStyle(control).fontSize) * 1.2;
    const label = (control.textContent ?? '').trim();
    if (control.matches('button, a[href]') && label && label.length < 40 && r.height > 3 * lineHeight + 24) faults.push(`${describe(control)} is squeezed into a column: ${Math.round(r.width)}×${Math.round(r.height)}`);
  }
  for (const node of textNodes(root)) {
    const parent = node.parentElement;
    if (!parent || !parent.getClientRects().length || parent.closest('style, svg')) continue;
    const range = document.createRange();
    // A word of up to 20 letters (hyphens and slashes may end a line) is never split.
    for (const word of node.data.matchAll(/[^\s\-‐–—/,;:()·]{2,20}/gu)) {
      range.setStart(node, word.index!);
      range.setEnd(node, word.index! + word[0].length);
      if (lines(range) > 1) faults.push(`"${word[0]}" is split over ${lines(range)} lines in ${describe(parent)}`);
    }
    // Several lines of a letter or two each: a text squeezed into a column.
    range.selectNodeContents(node);
    const count = lines(range);
    const letters = node.data.replace(/\s+/g, '').length;
    if (count >= 3 && letters / count < 3) faults.push(`${describe(parent)} is laid out ${count} lines for ${letters} letters`);
  }
  return [...new Set(faults)];
}

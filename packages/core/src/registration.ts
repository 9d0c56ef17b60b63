/**
 * Registering tags, without registering any: each package's `define.js` calls this for its own tags
 * only, so importing one element never registers another.
 */

/** Registers a tag unless the page already has it (another copy of Portico, or a host's subclass). */
export function defineElement(tag: string, constructor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, constructor);
}

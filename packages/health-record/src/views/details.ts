import { html, nothing, type TemplateResult } from 'lit';

/** One labelled fact of a record ("Since: Mar 2, 2019"); nothing when there is no value. */
export function renderDetail(label: string, value: TemplateResult | string | undefined) {
  return value ? html`<div class="detail"><dt>${label}</dt><dd>${value}</dd></div>` : nothing;
}

/** A clinician's note, as plain text (line breaks kept). */
export function renderNote(note: string | undefined, part: string) {
  return note ? html`<p class="note" part=${part}><bdi>${note}</bdi></p>` : nothing;
}

import type { Reference } from 'fhir/r4';
import type { CSSResult, ReactiveControllerHost } from 'lit';
import type { FhirClient } from '@portico/core';
import type { RecordLocalize } from '../i18n/terms.js';

/** What the element gives each of its views. */
export interface PanelContext {
  /** The element: a view's Tasks and controllers attach to it (`new Task(context.host, …)`). */
  readonly host: ReactiveControllerHost & HTMLElement;
  readonly localize: RecordLocalize;
  /** The element's shadow root: where the view's nodes are, for focus. */
  readonly root: ShadowRoot;
  /** The signed-in client, once the session is ready. */
  client(): FhirClient | undefined;
  /** The patient whose record it is, once the session is ready. */
  patientId(): string | undefined;
  /** Who acts in the record: the patient, or the RelatedPerson of the signed-in person acting for them (a document's author). */
  actingPerson(signal?: AbortSignal): Promise<Reference>;
  /** The page's message inbox can take a message (`navigate(host, 'message-inbox', …)`), else the host's help link. */
  readonly helpHref: () => string;
}

/** One view, made the first time it is shown and kept while the element lives. */
export interface RecordPanel {
  render(): unknown;
}

/** A view's module, loaded the first time the view is shown. */
export interface RecordPanelModule {
  createPanel(context: PanelContext): RecordPanel;
  /** The view's own styles, adopted by the element when the module arrives. */
  readonly styles?: CSSResult;
}

import { untilVisible } from './host.js';

/**
 * What stories do to `<message-inbox>` in `play` functions: wait for what it shows, open a
 * conversation by its subject, write in the form and attach a file, as a patient does.
 */

/** The shadow root of the story's `<message-inbox>`. */
export function inboxRoot(canvasElement: HTMLElement): ShadowRoot | null | undefined {
  return canvasElement.querySelector('message-inbox')?.shadowRoot;
}

/** Waits until `selector` matches a visible element inside the story's `<message-inbox>`, and returns it. */
export function inInbox<T extends HTMLElement = HTMLElement>(canvasElement: HTMLElement, selector: string, what: string, timeout?: number): Promise<T> {
  return untilVisible(() => inboxRoot(canvasElement)?.querySelector<T>(selector), what, timeout);
}

/** Waits for the conversation whose subject is `subject` in the list, and returns its list item. */
export function threadInList(canvasElement: HTMLElement, subject: string): Promise<HTMLElement> {
  return untilVisible(
    () => [...(inboxRoot(canvasElement)?.querySelectorAll<HTMLElement>('[part~="thread"]') ?? [])].find((item) => item.querySelector('.subject')?.textContent?.trim() === subject),
    `The conversation "${subject}" in the list`,
  );
}

/** Opens the conversation whose subject is `subject` and waits for its messages. */
export async function openThread(canvasElement: HTMLElement, subject: string): Promise<HTMLElement> {
  (await threadInList(canvasElement, subject)).querySelector<HTMLButtonElement>('[part~="thread-button"]')!.click();
  return inInbox(canvasElement, '[part~="conversation"] [part~="messages"]', `The messages of "${subject}"`);
}

/** Types `text` into a field of the form (the message, the subject) as the patient does. */
export function typeInto(field: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** A small PDF, as a patient's scanned letter. */
export function samplePdf(name = 'Pharmacy receipt.pdf'): File {
  const body = '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';
  return new File([body], name, { type: 'application/pdf' });
}

/** Chooses `files` in the form's file chooser. */
export async function attachFiles(canvasElement: HTMLElement, files: readonly File[]): Promise<void> {
  const input = inboxRoot(canvasElement)?.querySelector<HTMLInputElement>('[part~="file-input"]');
  if (!input) throw new Error('The form has no file chooser.');
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await inInbox(canvasElement, '[part~="chosen-file"]', 'The attached file');
}

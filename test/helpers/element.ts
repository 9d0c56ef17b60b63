/** What element tests read and wait for, as a patient would: shadow text, a condition met, a file saved. */
import { waitUntil } from '@open-wc/testing';

export function shadow(el: Element): ShadowRoot {
  return el.shadowRoot!;
}

/** The element's text as a person reads it (whitespace collapsed). */
export function text(el: Element): string {
  return (shadow(el).textContent ?? '').replace(/\s+/g, ' ');
}

/** Waits (up to 8 s) until `probe` returns something, and returns it; `message` names what never came. */
export async function until<T>(probe: () => T | undefined | null | false, message: string): Promise<T> {
  let value: T | undefined | null | false;
  await waitUntil(() => (value = probe()), message, { timeout: 8000 });
  return value as T;
}

/** Asks `probe` (a server read) every 100 ms, up to 8 s, until it answers something, and returns that. */
export async function untilAnswered<T>(probe: () => Promise<T | undefined | null | false>, message: string): Promise<T> {
  const deadline = Date.now() + 8000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timeout: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The file the page hands the browser to save (the Blob behind the object URL) when `click` starts a download. */
export async function downloaded(click: () => void): Promise<Blob> {
  const created: Blob[] = [];
  const original = URL.createObjectURL;
  URL.createObjectURL = (blob: Blob | MediaSource) => {
    created.push(blob as Blob);
    return original.call(URL, blob);
  };
  try {
    click();
    return await until(() => created[0], 'the file');
  } finally {
    URL.createObjectURL = original;
  }
}

/**
 * Waits for the page's running transitions and animations (shadow trees included) to end: an
 * accessibility check run mid-transition reads colours that are neither the old nor the new ones.
 */
export async function animationsDone(): Promise<void> {
  // `document.getAnimations()` leaves out shadow trees: each shadow root is asked for its own.
  const roots: (Document | ShadowRoot)[] = [document];
  for (let i = 0; i < roots.length; i++) {
    for (const element of roots[i]!.querySelectorAll('*')) if (element.shadowRoot) roots.push(element.shadowRoot);
  }
  await Promise.all(roots.flatMap((root) => root.getAnimations()).map((animation) => animation.finished.catch(() => undefined)));
}

/** Runs `act` with the browser's print dialog replaced, and says how many times the page asked to print. */
export async function printCalls(act: () => unknown): Promise<number> {
  let calls = 0;
  const print = window.print;
  window.print = () => void calls++;
  try {
    await act();
  } finally {
    window.print = print;
  }
  return calls;
}

/**
 * Forgets what elements kept on the device (localStorage) in this test, except the CapabilityStatements
 * the FHIR client keeps per base URL: test files run side by side on one origin, and one file's clean-up
 * must not take away what another is checking.
 */
export function forgetDeviceStorage(): void {
  for (const key of Object.keys(localStorage)) if (!key.startsWith('portico:capabilities:')) localStorage.removeItem(key);
}

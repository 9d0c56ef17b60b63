import type { Communication, Resource } from 'fhir/r4';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FhirClient } from '@portico/core';

/** What the poller needs from the inbox. */
export interface PollerPort {
  client(): FhirClient | undefined;
  patientId(): string | undefined;
  /** Seconds between looks while the page is visible; 0 turns looking off. */
  seconds(): number;
  /** The server time of the newest change already shown (`meta.lastUpdated`), from where to look. */
  since(): string | undefined;
  /** Messages written or changed since: new replies, read marks made elsewhere. */
  found(messages: Communication[], included: Resource[]): void;
}

/** The longest wait between looks after failures (the interval doubles up to it). */
const MAX_BACKOFF_MS = 10 * 60_000;

/**
 * Looks for new messages while the page is visible: one small request every few seconds for what
 * changed since the newest change shown (`_lastUpdated=gt…`, which is usually nothing). It stops while
 * the page is hidden and looks at once when it is shown again; after a failure it waits longer each time.
 */
export class MessagePoller implements ReactiveController {
  private timer?: ReturnType<typeof setTimeout>;
  private request?: AbortController;
  private failures = 0;
  private connected = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly port: PollerPort,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    document.addEventListener('visibilitychange', this.onVisibility);
    this.schedule();
  }

  hostDisconnected(): void {
    this.connected = false;
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.stop();
  }

  /** Starts the wait again (after the list was read afresh). */
  restart(): void {
    this.failures = 0;
    this.schedule();
  }

  private readonly onVisibility = (): void => {
    if (document.visibilityState === 'visible') void this.look();
    else this.stop();
  };

  private stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.request?.abort();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const seconds = this.port.seconds();
    if (!this.connected || !(seconds > 0) || document.visibilityState !== 'visible') return;
    const wait = Math.min(seconds * 1000 * 2 ** this.failures, MAX_BACKOFF_MS);
    this.timer = setTimeout(() => void this.look(), wait);
  }

  private async look(): Promise<void> {
    clearTimeout(this.timer);
    const client = this.port.client();
    const patientId = this.port.patientId();
    const since = this.port.since();
    if (!client || !patientId || !since) return this.schedule();
    this.request?.abort();
    const request = (this.request = new AbortController());
    try {
      const page = await client.search(
        'Communication',
        { subject: `Patient/${patientId}`, _lastUpdated: `gt${since}`, _include: ['Communication:sender', 'Communication:recipient'], _count: 50 },
        { signal: request.signal },
      );
      this.failures = 0;
      if (page.resources.length) this.port.found(page.resources, page.included);
    } catch {
      if (request.signal.aborted) return;
      this.failures++;
    }
    this.schedule();
  }
}

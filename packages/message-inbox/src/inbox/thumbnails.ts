import type { Attachment } from 'fhir/r4';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { checkedFile, type FhirClient } from '@portico/core';

/** Image types shown as thumbnails (never SVG, which can carry script). */
const THUMBNAIL_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
/** Larger images are offered as downloads only. */
const THUMBNAIL_MAX_BYTES = 4 * 1024 * 1024;

/** Is this attachment an image to show small in the conversation? */
export function isThumbnailImage(attachment: Attachment): boolean {
  const type = (attachment.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return THUMBNAIL_TYPES.has(type) && !(typeof attachment.size === 'number' && attachment.size > THUMBNAIL_MAX_BYTES);
}

/**
 * Small pictures of the images in the open conversation: each fetched with the patient's credentials
 * (the token only under the FHIR base), its bytes checked against its type, and shown from a `blob:`
 * URL in an `<img>` (which runs nothing), released when the conversation closes or the element leaves.
 */
export class Thumbnails implements ReactiveController {
  private readonly urls = new Map<string, string | null>();
  private request = new AbortController();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly client: () => FhirClient | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.clear();
  }

  /** The picture of an image attachment once fetched (starts fetching it the first time it is asked for). */
  url(key: string, attachment: Attachment): string | undefined {
    if (!isThumbnailImage(attachment)) return undefined;
    if (!this.urls.has(key)) {
      this.urls.set(key, null);
      void this.load(key, attachment, this.request.signal);
    }
    return this.urls.get(key) ?? undefined;
  }

  /** Lets every picture go (the conversation closed). */
  clear(): void {
    this.request.abort();
    this.request = new AbortController();
    for (const url of this.urls.values()) if (url) URL.revokeObjectURL(url);
    this.urls.clear();
  }

  private async load(key: string, attachment: Attachment, signal: AbortSignal): Promise<void> {
    const client = this.client();
    if (!client) return;
    try {
      const file = await checkedFile(await client.download(attachment, { signal }), attachment.contentType);
      if (signal.aborted || !THUMBNAIL_TYPES.has(file.type)) return;
      this.urls.set(key, URL.createObjectURL(file));
      this.host.requestUpdate();
    } catch {
      // No picture: the file is still offered as a download, which says what went wrong.
    }
  }
}

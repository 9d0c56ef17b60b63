/**
 * What the browser fetched during one page load, from the DevTools protocol (`Network.*` events): each
 * request's kind, when the page asked for it and when its last byte arrived (ms from the page's own
 * request), bytes on the wire and after decoding, whether the HTTP cache answered, and what started it (the
 * document, a script that imports it, the call stack of a `fetch()` with its async parents, or the request
 * a CORS preflight was sent for).
 */
import type { CDPSession } from 'playwright-core';

export interface TracedRequest {
  id: string;
  /** The document load it belongs to (DevTools' `loaderId`). */
  loaderId: string;
  url: string;
  method: string;
  /** DevTools' resource type: `Document`, `Script`, `Stylesheet`, `Fetch`, `Preflight`, … */
  type: string;
  /** Milliseconds from the document request to the page asking for this one. */
  issued: number;
  /** Milliseconds from the document request to its last byte (undefined: not finished). */
  ended?: number;
  status?: number;
  /** Bytes received for it (headers and body as sent over the network). */
  transferred: number;
  /** Bytes of its body after decoding (what the page parses). */
  decoded: number;
  /** Answered by the HTTP cache without a request to the server. */
  fromCache: boolean;
  /** The script that imports it (for a module), the document, or the request it is a CORS preflight of. */
  initiatorUrl?: string;
  initiatorRequest?: string;
  /** Script URLs on the call stack that issued it, the innermost first, async parents included. */
  stackUrls: string[];
}

interface CallFrame {
  url: string;
}
interface StackTrace {
  callFrames: CallFrame[];
  parent?: StackTrace;
}
interface RequestWillBeSent {
  requestId: string;
  loaderId: string;
  timestamp: number;
  type?: string;
  request: { url: string; method: string };
  initiator: { type: string; url?: string; requestId?: string; stack?: StackTrace };
  redirectResponse?: unknown;
}

/**
 * Records every request on `cdp` from now until `stop()`; times are relative to the `Document` request, and only
 * that document's requests are returned.
 */
export function traceNetwork(cdp: CDPSession): { stop(): TracedRequest[] } {
  const requests = new Map<string, TracedRequest & { at: number }>();
  const sent = (event: RequestWillBeSent) => {
    const stackUrls: string[] = [];
    for (let stack = event.initiator.stack; stack; stack = stack.parent) for (const frame of stack.callFrames) if (frame.url) stackUrls.push(frame.url);
    requests.set(event.requestId, {
      id: event.requestId,
      loaderId: event.loaderId,
      url: event.request.url,
      method: event.request.method,
      type: event.type ?? 'Other',
      at: event.timestamp,
      issued: 0,
      transferred: 0,
      decoded: 0,
      fromCache: false,
      initiatorUrl: event.initiator.url,
      initiatorRequest: event.initiator.requestId,
      stackUrls,
    });
  };
  const received = (event: { requestId: string; response: { status: number; fromDiskCache?: boolean } }) => {
    const request = requests.get(event.requestId);
    if (!request) return;
    request.status = event.response.status;
    if (event.response.fromDiskCache) request.fromCache = true;
  };
  const cached = (event: { requestId: string }) => {
    const request = requests.get(event.requestId);
    if (request) request.fromCache = true;
  };
  const data = (event: { requestId: string; dataLength: number }) => {
    const request = requests.get(event.requestId);
    if (request) request.decoded += event.dataLength;
  };
  const finished = (event: { requestId: string; timestamp: number; encodedDataLength?: number }) => {
    const request = requests.get(event.requestId);
    if (!request) return;
    request.ended = event.timestamp;
    request.transferred = event.encodedDataLength ?? 0;
  };
  cdp.on('Network.requestWillBeSent', sent);
  cdp.on('Network.responseReceived', received);
  cdp.on('Network.requestServedFromCache', cached);
  cdp.on('Network.dataReceived', data);
  cdp.on('Network.loadingFinished', finished);
  cdp.on('Network.loadingFailed', finished);
  return {
    stop() {
      cdp.off('Network.requestWillBeSent', sent);
      cdp.off('Network.responseReceived', received);
      cdp.off('Network.requestServedFromCache', cached);
      cdp.off('Network.dataReceived', data);
      cdp.off('Network.loadingFinished', finished);
      cdp.off('Network.loadingFailed', finished);
      // Only the new document's requests (and the CORS preflights sent for them): the page being left may still send one.
      const documentRequest = [...requests.values()].find((r) => r.type === 'Document');
      const ours = [...requests.values()].filter((r) => !documentRequest || r.loaderId === documentRequest.loaderId);
      const ids = new Set(ours.map((r) => r.id));
      const all = [...requests.values()].filter((r) => ids.has(r.id) || (r.initiatorRequest !== undefined && ids.has(r.initiatorRequest)));
      const start = documentRequest?.at ?? Math.min(...all.map((r) => r.at));
      return all
        .map(({ at, ...request }) => ({ ...request, issued: (at - start) * 1000, ended: request.ended === undefined ? undefined : (request.ended - start) * 1000 }))
        .sort((a, b) => a.issued - b.issued);
    },
  };
}

/** When and how long to wait before trying a failed request again. */
export interface RetryPolicy {
  /** Attempts after the first; default 2. */
  retries: number;
  /** Longest wait honoured from Retry-After or backoff, in ms; default 8000. */
  maxDelayMs: number;
  /** First backoff when the server gives no Retry-After, in ms; doubled each time; default 500. */
  baseDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 2, maxDelayMs: 8000, baseDelayMs: 500 };

/** Statuses that say "try again later": the server did not process the request. */
export const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

/**
 * The wait before attempt `attempt` (1-based) in ms: Retry-After (seconds or an HTTP date) when given,
 * else exponential backoff; undefined when the wait would exceed the policy (give up instead).
 */
export function retryDelay(retryAfter: string | null, attempt: number, policy: RetryPolicy, now = Date.now()): number | undefined {
  let delay = policy.baseDelayMs * 2 ** (attempt - 1);
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) delay = Math.max(0, seconds * 1000);
    else {
      const date = Date.parse(retryAfter);
      if (!Number.isNaN(date)) delay = Math.max(0, date - now);
    }
  }
  return delay <= policy.maxDelayMs ? delay : undefined;
}

/** Resolves after `ms`, or rejects at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

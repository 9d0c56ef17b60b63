/** A failure to inject into the next matching requests (reliability tests). */
export interface FaultRule {
  /** HTTP method to match; any when omitted. */
  method?: string;
  /** Regular expression source matched against the path after the FHIR base (e.g. '^Observation'). */
  path?: string;
  /** How many matching requests fail; default 1. */
  times?: number;
  /** Answer with this status (and an OperationOutcome) instead of handling the request. */
  status?: number;
  /** Seconds for a Retry-After header. */
  retryAfter?: number;
  /** Diagnostics text for the OperationOutcome. */
  diagnostics?: string;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Cut the connection: 'before' the server handles the request, or 'after' it did (the write happened). */
  drop?: 'before' | 'after';
}

/** Holds fault rules per FHIR tenant and hands out the first one that matches a request. */
export class FaultInjector {
  private rules: (FaultRule & { left: number })[] = [];

  add(rules: FaultRule[]): void {
    this.rules.push(...rules.map((rule) => ({ ...rule, left: rule.times ?? 1 })));
  }

  clear(): void {
    this.rules = [];
  }

  take(method: string, path: string): FaultRule | undefined {
    const rule = this.rules.find(
      (r) => r.left > 0 && (!r.method || r.method.toUpperCase() === method) && (!r.path || new RegExp(r.path).test(path)),
    );
    if (rule) rule.left -= 1;
    this.rules = this.rules.filter((r) => r.left > 0);
    return rule;
  }
}

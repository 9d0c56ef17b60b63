import { Task, TaskStatus, type StatusRenderer } from '@lit/task';
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { renderError } from '../views/states.js';

/** One page of a list: its items and the server's link to the next page (`Bundle.link[next]`), if any. */
export interface ListPage<T> {
  items: readonly T[];
  next?: string;
}

export interface PagedListOptions<T, A extends readonly unknown[]> {
  /** What the list depends on (client, patient, filters): a change reloads it from the first page. */
  args: () => A;
  /** The first page for these arguments; `undefined` when there is nothing to load (no patient yet). */
  first: (args: A, signal: AbortSignal) => Promise<ListPage<T> | undefined>;
  /** The page a `next` link points at. */
  next: (link: string, signal: AbortSignal) => Promise<ListPage<T>>;
  /** How many items are shown at first and added by each `more()`; default: every item loaded (server pages only). */
  pageSize?: number;
  /** An item's identity, so one a later page repeats is listed once; default `resourceType/id` (or `id`). */
  key?: (item: T) => string | undefined;
  /** What is said, politely, once `more()` added items ("10 more shown"). */
  added?: (count: number) => string;
  /**
   * Called once the items `more()` added are on the page, with the index of the first: move focus to
   * it, so a keyboard user continues where they were.
   */
  onAdded?: (from: number) => void;
}

export interface MoreLabels {
  /** The button that shows more ("Show more", "Show older results"). */
  more: string;
  /** The button while the next page loads. */
  loading: string;
  /** Shown once everything is listed; nothing when omitted. */
  allShown?: string;
  /** A later page failed: its message in the patient's words, and the retry button's label. */
  error: (error: unknown) => string;
  retry: string;
}

function defaultKey(item: unknown): string | undefined {
  const resource = item as { resourceType?: string; id?: string } | undefined;
  return resource?.id ? `${resource.resourceType ?? ''}/${resource.id}` : undefined;
}

/**
 * A list read a page at a time: the first page through `@lit/task` (so loading, error and retry are
 * its states), then `more()` shows the items already read or fetches the next page, with abort when
 * the list starts again, each item once (by type and id), an error with retry for a later page that
 * leaves the list as it was, an optional scroll sentinel that asks for more as it comes into view,
 * and a polite announcement of what was added.
 */
export class PagedList<T, A extends readonly unknown[] = readonly unknown[]> implements ReactiveController {
  /** The first page; render its states with `render()`. */
  readonly task: Task<A, ListPage<T> | undefined>;

  private loaded: T[] = [];
  private keys = new Set<string>();
  private nextLink?: string;
  private shownCount = Infinity;
  private request?: AbortController;
  private observer?: IntersectionObserver;
  private observed?: Element;
  private _loadingMore = false;
  private _moreError?: unknown;
  private _announcement = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: PagedListOptions<T, A>,
  ) {
    host.addController(this);
    this.task = new Task<A, ListPage<T> | undefined>(host, {
      args: options.args,
      task: async (args, { signal }) => {
        // The list starts again: a later page still on its way belongs to the old one.
        this.request?.abort();
        const page = await options.first(args, signal);
        signal.throwIfAborted();
        this.reset(page);
        return page;
      },
    });
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.request?.abort();
    this.observer?.disconnect();
    this.observer = undefined;
    this.observed = undefined;
  }

  private reset(page: ListPage<T> | undefined): void {
    this.loaded = [];
    this.keys.clear();
    this.nextLink = page?.next;
    this._moreError = undefined;
    this._loadingMore = false;
    this._announcement = '';
    this.shownCount = this.options.pageSize ?? Infinity;
    this.append(page?.items ?? []);
  }

  /** Adds items not listed yet; returns how many were new. */
  private append(items: readonly T[]): number {
    const key = this.options.key ?? defaultKey;
    let added = 0;
    for (const item of items) {
      const id = key(item);
      if (id !== undefined) {
        if (this.keys.has(id)) continue;
        this.keys.add(id);
      }
      this.loaded.push(item);
      added++;
    }
    return added;
  }

  /** Every item read so far (each once), in the order the pages gave them. */
  get all(): readonly T[] {
    return this.loaded;
  }

  /** The items shown: the first `pageSize` and each `more()`'s, of those read. */
  get items(): readonly T[] {
    return this.shownCount >= this.loaded.length ? this.loaded : this.loaded.slice(0, this.shownCount);
  }

  /** Is there more to show (read already, or behind the next link)? */
  get hasMore(): boolean {
    return this.shownCount < this.loaded.length || !!this.nextLink;
  }

  get loadingMore(): boolean {
    return this._loadingMore;
  }

  /** Why the last `more()` failed, until it is tried again. */
  get moreError(): unknown {
    return this._moreError;
  }

  /** The polite announcement of the last `more()` ('' until one added something). */
  get announcement(): string {
    return this._announcement;
  }

  /** Has the first page been read (the list can be shown)? */
  get ready(): boolean {
    return this.task.status === TaskStatus.COMPLETE;
  }

  /**
   * Shows more: the next `pageSize` of the items read, else the next page from the server. Resolves to
   * the index of the first item added (for moving focus to it), or `undefined` when nothing was added.
   */
  async more(): Promise<number | undefined> {
    if (this._loadingMore || !this.ready) return undefined;
    const from = this.items.length;
    const size = this.options.pageSize ?? Infinity;
    if (this.shownCount < this.loaded.length) {
      this.shownCount = Math.min(this.loaded.length, this.shownCount + size);
      return this.finishMore(from);
    }
    const link = this.nextLink;
    if (!link) return undefined;
    const page = this.task.value;
    const request = (this.request = new AbortController());
    this._loadingMore = true;
    this._moreError = undefined;
    this.host.requestUpdate();
    try {
      const next = await this.options.next(link, request.signal);
      // The list started again meanwhile (another patient, other filters): this page is not part of it.
      if (request.signal.aborted || page !== this.task.value) return undefined;
      this.nextLink = next.next;
      this.append(next.items);
      if (this.options.pageSize) this.shownCount = Math.min(this.loaded.length, this.shownCount + size);
      else this.shownCount = Infinity;
      return this.finishMore(from);
    } catch (error) {
      if (!request.signal.aborted && page === this.task.value) this._moreError = error;
      return undefined;
    } finally {
      if (this.request === request) {
        this._loadingMore = false;
        this.request = undefined;
      }
      this.host.requestUpdate();
    }
  }

  private finishMore(from: number): number | undefined {
    const added = this.items.length - from;
    this._announcement = added > 0 && this.options.added ? this.options.added(added) : '';
    this.host.requestUpdate();
    if (added <= 0) return undefined;
    const onAdded = this.options.onAdded;
    if (onAdded) void this.host.updateComplete.then(() => onAdded(from));
    return from;
  }

  /**
   * Asks for more whenever `sentinel` (an element at the end of the list) comes into view; call from
   * `updated()` with the current sentinel (or null when there is none).
   */
  observe(sentinel: Element | null | undefined): void {
    if (sentinel === this.observed) return;
    this.observer?.disconnect();
    this.observed = sentinel ?? undefined;
    if (!sentinel || typeof IntersectionObserver === 'undefined') return;
    this.observer ??= new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !this._moreError) void this.more();
    });
    this.observer.observe(sentinel);
  }

  /** The first page's states (`initial`, `pending`, `error`, `complete`), as `Task.render` takes them. */
  render(renderers: StatusRenderer<ListPage<T> | undefined>): unknown {
    return this.task.render(renderers);
  }

  /**
   * The end of the list: a "show more" button (marked busy while loading; `part="load-more"`) with a
   * sentinel before it when `sentinel` is set, the error of a later page with a retry, or "all shown".
   */
  renderMore(labels: MoreLabels, options: { sentinel?: boolean } = {}): TemplateResult | typeof nothing {
    if (this._moreError !== undefined) return renderError({ message: labels.error(this._moreError), onRetry: () => void this.more(), retryLabel: labels.retry });
    if (!this.hasMore) return labels.allShown ? html`<p class="hint end">${labels.allShown}</p>` : nothing;
    return html`<div class="more actions">
      ${options.sentinel ? html`<span class="sentinel" aria-hidden="true"></span>` : nothing}
      <button type="button" class="secondary" part="load-more" aria-disabled=${this._loadingMore ? 'true' : 'false'} @click=${() => void this.more()}>
        ${this._loadingMore ? labels.loading : labels.more}
      </button>
    </div>`;
  }

  /** The live region that announces what `more()` added (render it once, anywhere in the list's view). */
  renderStatus(): TemplateResult {
    return html`<p class="visually-hidden" role="status" aria-live="polite">${this._announcement}</p>`;
  }
}

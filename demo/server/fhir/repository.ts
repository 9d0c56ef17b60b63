import { evalFhirPath, getSearchParameter, matchesSearchRequest, type SearchRequest, type WithId } from '@medplum/core';
import { getExtraEntries, MemoryRepository } from '@medplum/fhir-router';
import type { Bundle, BundleEntry, OperationOutcome, Resource } from '@medplum/fhirtypes';

type Store = Map<string, Map<string, unknown>>;
interface Saved {
  resource: unknown;
  history: unknown;
}

/**
 * Medplum's MemoryRepository with what a conformant server needs on top:
 * - `atomically()` runs writes under one lock and undoes every write of a failed unit of work,
 *   so a transaction with a failing entry leaves nothing behind;
 * - `snapshot()`/`restore()` keep the whole store and bring it back, so a seeded repository can be cloned
 *   per test at the cost of its maps: the snapshot's resources are frozen and shared by every copy
 *   (stored resources are replaced on write, never changed in place);
 * - `search()` that sorts on keys computed once per match and copies only the page it returns
 *   (the base class evaluates FHIRPath inside the sort comparator and copies every match), and
 *   `searchWhere()` that counts and pages only what a visibility check accepts.
 */
export class JournalingRepository extends MemoryRepository {
  private journal: Map<string, Saved> | undefined;
  private lock: Promise<unknown> = Promise.resolve();

  private get store(): { resources: Store; history: Store } {
    return this as unknown as { resources: Store; history: Store };
  }

  /** Runs `work` alone (no other write interleaves) and rolls all its writes back if it throws. */
  atomically<T>(work: () => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      this.journal = new Map();
      try {
        return await work();
      } catch (error) {
        this.rollback();
        throw error;
      } finally {
        this.journal = undefined;
      }
    };
    const result = this.lock.then(run, run);
    this.lock = result.catch(() => undefined);
    return result;
  }

  private remember(resourceType: string, id: string | undefined): void {
    if (!this.journal || !id) return;
    const key = `${resourceType}/${id}`;
    if (this.journal.has(key)) return;
    const history = this.store.history.get(resourceType)?.get(id) as unknown[] | undefined;
    this.journal.set(key, {
      resource: this.store.resources.get(resourceType)?.get(id),
      history: history ? [...history] : undefined,
    });
  }

  private rollback(): void {
    for (const [key, saved] of this.journal ?? []) {
      const [type, id] = key.split('/') as [string, string];
      for (const [map, value] of [
        [this.store.resources, saved.resource],
        [this.store.history, saved.history],
      ] as const) {
        let byId = map.get(type);
        if (!byId) map.set(type, (byId = new Map()));
        if (value === undefined) byId.delete(id);
        else byId.set(id, value);
      }
    }
  }

  override async createResource<T extends Resource>(
    resource: T,
    options?: Parameters<MemoryRepository['createResource']>[1],
    update = false,
  ): Promise<WithId<T>> {
    // Medplum assigns the id inside createResource; a client-given id on create is replaced below
    // by the HTTP layer, so the id here is final.
    const withId = resource.id ? resource : { ...resource, id: this.generateId() };
    this.remember(withId.resourceType, withId.id);
    return super.createResource(withId as T, options, update);
  }

  /** The base class creates through a private path here, so the new id is journaled first. */
  override async conditionalCreate<T extends Resource>(
    resource: T,
    search: Parameters<MemoryRepository['conditionalCreate']>[1],
    options?: Parameters<MemoryRepository['conditionalCreate']>[2],
  ): Promise<{ resource: WithId<T>; outcome: OperationOutcome }> {
    const withId = resource.id ? resource : { ...resource, id: this.generateId() };
    this.remember(withId.resourceType, withId.id);
    return super.conditionalCreate(withId, search as never, { ...options, assignedId: true }) as Promise<{ resource: WithId<T>; outcome: OperationOutcome }>;
  }

  override async deleteResource(resourceType: string, id: string, options?: Parameters<MemoryRepository['deleteResource']>[2]): Promise<void> {
    this.remember(resourceType, id);
    return super.deleteResource(resourceType, id, options);
  }

  override async expungeResource(resourceType: string, id: string): Promise<void> {
    this.remember(resourceType, id);
    return super.expungeResource(resourceType, id);
  }

  override async search<T extends Resource>(request: SearchRequest<T>): Promise<Bundle<WithId<T>>> {
    const chained = request.filters?.some((f) => f.code.includes('.') || f.code.startsWith('_has'));
    if (chained) return super.search(request);
    return this.searchWhere(request);
  }

  /**
   * A search that counts, pages and returns only the matches `visible` accepts: `total`, `_count=0`
   * and the paging see exactly what the caller may see. Chains and `_has` must be resolved first.
   */
  async searchWhere<T extends Resource>(request: SearchRequest<T>, visible: (resource: Resource) => boolean = () => true): Promise<Bundle<WithId<T>>> {
    if (request.filters?.some((f) => f.code.includes('.') || f.code.startsWith('_has'))) {
      throw new Error('searchWhere() needs chains and _has resolved to ids first');
    }
    const { sortRules, offset = 0, count } = request;
    const candidates = (this.store.resources.get(request.resourceType)?.values() ?? []) as Iterable<WithId<T>>;
    const filterOnly = { ...request, sortRules: undefined, offset: undefined, count: undefined };
    const matches: WithId<T>[] = [];
    // The visibility check first: it is cheap, and most of a type's resources are other patients'.
    for (const resource of candidates) if (visible(resource) && matchesSearchRequest(resource, filterOnly)) matches.push(resource);
    if (sortRules?.length) {
      const keyed = matches.map((resource) => ({ resource, keys: sortRules.map((rule) => sortKey(resource, rule.code)) }));
      keyed.sort((a, b) => {
        for (const [i, rule] of sortRules.entries()) {
          const order = compareKeys(a.keys[i], b.keys[i], !!rule.descending);
          if (order) return order;
        }
        return 0;
      });
      matches.splice(0, matches.length, ...keyed.map((k) => k.resource));
    }
    const page = matches.slice(offset, count === undefined ? undefined : offset + count).map((r) => structuredClone(r));
    const entry: BundleEntry<WithId<T>>[] = page.map((resource) => ({ search: { mode: 'match' }, resource }));
    if ((request.include || request.revInclude) && page.length) {
      await getExtraEntries(this, request, page, entry as BundleEntry[]);
    }
    return { resourceType: 'Bundle', type: 'searchset', entry: entry.length ? entry : undefined, total: matches.length };
  }

  /** The stored resource itself, not a copy, for access checks that must not cost a clone; never modify it. */
  peek(resourceType: string, id: string): Resource | undefined {
    return this.store.resources.get(resourceType)?.get(id) as Resource | undefined;
  }

  /** Every stored resource of a type, not copies (as `peek`); never modify them. */
  peekAll(resourceType: string): Iterable<Resource> {
    return (this.store.resources.get(resourceType)?.values() ?? []) as Iterable<Resource>;
  }

  /**
   * Every resource and its history as they are now, deep-frozen: a write after it replaces stored
   * resources rather than changing them, so neither this repository nor any restored from it can
   * alter the snapshot (an attempt throws).
   */
  snapshot(): Snapshot {
    const copy = structuredClone({ resources: this.store.resources, history: this.store.history });
    for (const byId of copy.resources.values()) for (const resource of byId.values()) deepFreeze(resource);
    for (const byId of copy.history.values()) for (const versions of byId.values()) deepFreeze(versions);
    return copy;
  }

  /** Replaces the contents with `snapshot`'s: new maps and history lists, its (frozen) resources shared. */
  restore(snapshot: Snapshot): void {
    this.store.resources.clear();
    this.store.history.clear();
    for (const [type, byId] of snapshot.resources) this.store.resources.set(type, new Map(byId));
    for (const [type, byId] of snapshot.history) this.store.history.set(type, new Map([...byId].map(([id, versions]) => [id, [...(versions as unknown[])]])));
  }
}

/** What `snapshot()` keeps: frozen resources and histories, by type and id. */
export interface Snapshot {
  readonly resources: Store;
  readonly history: Store;
}

function deepFreeze(value: unknown): void {
  if (!value || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
}

type SortKey = string | number | undefined;

function sortKey(resource: Resource, code: string): SortKey {
  if (code === '_id') return resource.id;
  if (code === '_lastUpdated') return resource.meta?.lastUpdated;
  const expression = getSearchParameter(resource.resourceType, code)?.expression;
  if (!expression) return undefined;
  const value = evalFhirPath(expression, resource)[0] as unknown;
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  const v = value as Record<string, unknown>;
  const text = v.start ?? v.value ?? v.family ?? v.code ?? v.display ?? v.reference ?? v.text ?? (v.coding as { code?: string }[] | undefined)?.[0]?.code;
  return typeof text === 'string' || typeof text === 'number' ? text : JSON.stringify(value);
}

/** Missing values sort last in either direction. */
function compareKeys(a: SortKey, b: SortKey, descending: boolean): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  const order = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
  return descending ? -order : order;
}

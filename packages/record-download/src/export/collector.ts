/**
 * What an export has gathered so far: the ids seen (for de-duplication: only `type/id` is kept, never
 * the resources), the counts per type, the addresses of attachments left out, and the progress.
 */
import type { Attachment, DiagnosticReport, DocumentReference, Resource } from 'fhir/r4';
import { RecordFile, type ExportFormat } from './record-file.js';

/** How far an export is, reported after each page and each type. */
export interface ExportProgress {
  method: ExportMethod;
  /** Types finished (fetched, refused or failed), of `typesTotal` to fetch. */
  typesDone: number;
  typesTotal: number;
  /** Resources in the file so far (after de-duplication). */
  resources: number;
  /** The types being fetched now. */
  currentTypes: string[];
  pagesDone: number;
  /**
   * An estimate of all the resources to come, from `Bundle.total` of the first pages seen (of the
   * types started so far, or `$everything`'s), when the server gives it.
   */
  estimatedTotal?: number;
}

/** How the record was fetched: `Patient/$everything`, or a search per type. */
export const EXPORT_METHODS = ['everything', 'per-type'] as const;
export type ExportMethod = (typeof EXPORT_METHODS)[number];

/** An attachment whose bytes are not in the export (documents, printed reports): where to get them. */
export interface ExportAttachment {
  /** The resource it belongs to, `DocumentReference/abc`. */
  resource: string;
  url: string;
  contentType?: string;
  title?: string;
}

/** The reference strings at a dotted path (`detail.request`), arrays flattened. */
export function referencesAt(resource: Resource, path: string): string[] {
  let values: unknown[] = [resource];
  for (const step of path.split('.')) {
    values = values.flatMap((v) => (v && typeof v === 'object' ? ([] as unknown[]).concat((v as Record<string, unknown>)[step] ?? []) : []));
  }
  return values.map((v) => (v as { reference?: unknown } | undefined)?.reference).filter((r): r is string => typeof r === 'string');
}

export class ExportCollector {
  readonly file: RecordFile;
  readonly counts = new Map<string, number>();
  readonly attachments: ExportAttachment[] = [];
  readonly current = new Set<string>();
  private readonly seen = new Set<string>();
  resources = 0;
  pagesDone = 0;
  typesDone = 0;
  requests = 0;
  estimatedTotal: number | undefined;

  constructor(
    format: ExportFormat,
    baseUrl: string,
    readonly method: ExportMethod,
    readonly typesTotal: number,
    private readonly onProgress?: (progress: ExportProgress) => void,
  ) {
    this.file = new RecordFile(format, baseUrl);
  }

  /** Has a resource been exported (`Type/id`)? */
  has(key: string): boolean {
    return this.seen.has(key);
  }

  /**
   * Writes one page's resources that are new (and, for `keep`, wanted) to the file; the objects are
   * not kept. Returns how many were written.
   */
  addPage(resources: readonly Resource[], keep: (resource: Resource) => boolean = () => true): number {
    const fresh: Resource[] = [];
    for (const resource of resources) {
      const key = `${resource.resourceType}/${resource.id}`;
      if (!resource.id || this.seen.has(key) || !keep(resource)) continue;
      this.seen.add(key);
      fresh.push(resource);
      this.counts.set(resource.resourceType, (this.counts.get(resource.resourceType) ?? 0) + 1);
      this.noteAttachments(resource, key);
    }
    this.file.add(fresh);
    this.resources += fresh.length;
    this.pagesDone++;
    this.report();
    return fresh.length;
  }

  addEstimate(total: number | undefined): void {
    if (total !== undefined) this.estimatedTotal = (this.estimatedTotal ?? 0) + total;
  }

  report(): void {
    this.onProgress?.({
      method: this.method,
      typesDone: this.typesDone,
      typesTotal: this.typesTotal,
      resources: this.resources,
      currentTypes: [...this.current],
      pagesDone: this.pagesDone,
      estimatedTotal: this.estimatedTotal,
    });
  }

  private noteAttachments(resource: Resource, key: string): void {
    let attachments: Attachment[] = [];
    if (resource.resourceType === 'DocumentReference') attachments = ((resource as DocumentReference).content ?? []).map((c) => c.attachment);
    else if (resource.resourceType === 'DiagnosticReport') attachments = (resource as DiagnosticReport).presentedForm ?? [];
    for (const attachment of attachments) {
      if (attachment.url && !attachment.data) this.attachments.push({ resource: key, url: attachment.url, contentType: attachment.contentType, title: attachment.title });
    }
  }
}

/**
 * The export file, built in parts: each page's new resources become one Blob part as they arrive, so
 * a record of thousands of resources is never one giant string, and no resource object is kept after
 * its page is written.
 */
import type { Resource } from 'fhir/r4';

/** The export's file formats: one FHIR `collection` Bundle, or NDJSON (one resource a line). */
export const EXPORT_FORMATS = ['bundle', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const BUNDLE_TYPE = 'application/fhir+json';
export const NDJSON_TYPE = 'application/fhir+ndjson';

/** Collects resources page by page into Blob parts. */
export class RecordFile {
  private readonly parts: Blob[] = [];
  private readonly byType = new Map<string, Blob[]>();
  private entries = 0;
  private size = 0;

  constructor(
    readonly format: ExportFormat,
    private readonly baseUrl: string,
  ) {}

  /** Writes one page's resources (already de-duplicated) as one part per type. */
  add(resources: readonly Resource[]): void {
    if (!resources.length) return;
    if (this.format === 'bundle') {
      const chunk = resources
        .map((resource) => `${this.entries++ ? ',' : ''}${JSON.stringify({ fullUrl: `${this.baseUrl}/${resource.resourceType}/${resource.id}`, resource })}`)
        .join('');
      this.push(new Blob([chunk]));
      return;
    }
    const lines = new Map<string, string[]>();
    for (const resource of resources) {
      const list = lines.get(resource.resourceType) ?? [];
      list.push(`${JSON.stringify(resource)}\n`);
      lines.set(resource.resourceType, list);
      this.entries++;
    }
    for (const [type, list] of lines) {
      const part = new Blob(list);
      this.push(part);
      const typeParts = this.byType.get(type);
      if (typeParts) typeParts.push(part);
      else this.byType.set(type, [part]);
    }
  }

  /** Bytes written so far (resources only). */
  get bytes(): number {
    return this.size;
  }

  /** The whole file: the Bundle around its entries, or every NDJSON line. */
  file(timestamp: string): Blob {
    if (this.format === 'ndjson') return new Blob(this.parts, { type: NDJSON_TYPE });
    const head = `{"resourceType":"Bundle","type":"collection","timestamp":${JSON.stringify(timestamp)},"entry":[`;
    return new Blob([head, ...this.parts, ']}'], { type: BUNDLE_TYPE });
  }

  /** NDJSON only: one file per type (a type's lines in the order they came). */
  files(): Map<string, Blob> {
    return new Map([...this.byType].map(([type, parts]) => [type, new Blob(parts, { type: NDJSON_TYPE })]));
  }

  private push(part: Blob): void {
    this.parts.push(part);
    this.size += part.size;
  }
}

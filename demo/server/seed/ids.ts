/** Hands out readable resource ids, adding '-2', '-3', … when a base id is already taken. */
export class IdAllocator {
  readonly #taken = new Set<string>();

  allocate(base: string): string {
    let id = base;
    for (let n = 2; this.#taken.has(id); n++) id = `${base}-${n}`;
    if (id.length > 64 || !/^[A-Za-z0-9\-.]+$/.test(id)) throw new Error(`Invalid FHIR id ${id}`);
    this.#taken.add(id);
    return id;
  }
}

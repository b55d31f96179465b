/**
 * A per-process cache of things built from immutable inputs (compiled validators, rule engines),
 * keyed by what they were built from (e.g. `form:identifikasi@3`). Past `size` entries the oldest
 * is dropped, so a process serving many versions does not grow without bound.
 */
export class BoundedCache<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly size: number) {}

  /** The entry for `key`, built with `build` the first time. */
  get(key: string, build: () => T): T {
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const built = build();
    this.entries.set(key, built);
    if (this.entries.size > this.size) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return built;
  }

  get count(): number {
    return this.entries.size;
  }
}

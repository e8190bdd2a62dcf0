/**
 * A least-recently-used cache bounded by the bytes of what it holds, not by a count: what the images of a silo
 * cost (pixels, a vision tower's features) differs by model.
 */
export class BoundedCache<V> {
  /** In order of use, least recent first (a Map iterates in insertion order). */
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private used = 0;

  constructor(
    readonly maxBytes: number,
    private readonly sizeOf: (value: V) => number,
    /** Called with each value dropped, to free what it holds (tensors). */
    private readonly onEvict: (value: V) => void = () => {},
  ) {}

  get bytes(): number {
    return this.used;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Keeps `value` unless it alone exceeds the bound (then it is evicted at once); drops the least recent to make room. */
  set(key: string, value: V): void {
    const previous = this.entries.get(key);
    if (previous?.value === value) {
      this.get(key);
      return;
    }
    if (previous) this.drop(key, previous);
    const bytes = this.sizeOf(value);
    this.entries.set(key, { value, bytes });
    this.used += bytes;
    for (const [oldKey, entry] of this.entries) {
      if (this.used <= this.maxBytes) break;
      this.drop(oldKey, entry);
    }
  }

  clear(): void {
    for (const [key, entry] of this.entries) this.drop(key, entry);
  }

  private drop(key: string, entry: { value: V; bytes: number }): void {
    this.entries.delete(key);
    this.used -= entry.bytes;
    this.onEvict(entry.value);
  }
}

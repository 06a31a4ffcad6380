const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * Keeps a metric label's values few: the first `limit` distinct names are kept, anything later or
 * not shaped like a name becomes `other`. Callers choose names (GraphQL operation names), and
 * every distinct label value is a time series Prometheus must keep.
 */
export class BoundedLabel {
  private readonly seen = new Set<string>();

  constructor(
    private readonly limit: number,
    private readonly other = '__other__',
  ) {}

  of(value: string): string {
    if (this.seen.has(value)) return value;
    if (!NAME.test(value) || this.seen.size >= this.limit) return this.other;
    this.seen.add(value);
    return value;
  }
}

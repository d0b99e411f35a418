/**
 * A container's short memory of what the per-request checks read (a partner's team, its standing,
 * an API key): each entry is trusted for `ttlMs()` after it was read (the caller bounds it: the
 * promise "refused within a minute"), at most `maxEntries` are kept (the oldest forgotten first), and
 * an absent record is remembered only when `remembersAbsent` says so.
 *
 * @example
 * const teams = new ContainerCache<Team>({ ttlMs: () => 60_000, maxEntries: 1000, remembersAbsent: false });
 * const team = await teams.read(partnerId, clock.now().getTime(), () => teamStore().team(partnerId));
 */
export class ContainerCache<V> {
  private readonly entries = new Map<string, { value: V | undefined; readAt: number }>();

  public constructor(private readonly options: { readonly ttlMs: () => number; readonly maxEntries: number; readonly remembersAbsent: boolean }) {}

  /** The value under `key`: this container's copy while fresh, else `load()`'s answer (remembered from `now`). */
  public async read(key: string, now: number, load: () => Promise<V | undefined>): Promise<V | undefined> {
    const cached = this.entries.get(key);
    if (cached && now - cached.readAt < this.options.ttlMs()) return cached.value;
    const value = await load();
    this.entries.delete(key);
    if (value !== undefined || this.options.remembersAbsent) {
      if (this.entries.size >= this.options.maxEntries) this.entries.delete(this.entries.keys().next().value ?? '');
      this.entries.set(key, { value, readAt: now });
    }
    return value;
  }

  /** Changes this container's copy in place (it stays as fresh as it was); nothing when none is held. */
  public update(key: string, change: (value: V) => V): void {
    const cached = this.entries.get(key);
    if (cached?.value !== undefined) cached.value = change(cached.value);
  }

  /** Drops this container's copy (after a change made here, which then shows at once in this container). */
  public forget(key: string): void {
    this.entries.delete(key);
  }

  /** Drops every copy (tests). */
  public clear(): void {
    this.entries.clear();
  }
}

import DataLoader from 'dataloader';

/**
 * Per-request DataLoaders, created on first use. A loader batches every `load` made while one level
 * of the GraphQL tree resolves into one set-based query, so a deep query costs the same number of
 * statements whatever the size of the tree.
 */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown, string>>();

  get<K, V>(
    name: string,
    batch: (keys: readonly K[]) => Promise<(V | Error)[]>,
  ): DataLoader<K, V, string> {
    let loader = this.loaders.get(name) as DataLoader<K, V, string> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V, string>(batch, {
        cacheKeyFn: (key) => (typeof key === 'string' ? key : JSON.stringify(key)),
      });
      this.loaders.set(name, loader as unknown as DataLoader<unknown, unknown, string>);
    }
    return loader;
  }

  /** Forget cached values after a write, so a mutation's result shows what it wrote. */
  clearAll(): void {
    for (const loader of this.loaders.values()) loader.clearAll();
  }
}

/** Orders rows by the keys asked for: one value per key, `null` where there is none. */
export function byKey<T, K>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): (T | null)[] {
  const map = new Map<K, T>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((key) => map.get(key) ?? null);
}

/** Groups rows by the keys asked for: one list per key, empty where there is none. */
export function groupByKey<T, K>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): T[][] {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  }
  return keys.map((key) => map.get(key) ?? []);
}

/**
 * What an edit sends: the fields whose value moved from `old` to `next` (compared as the API takes
 * them), and their old values, which the undo step sends back.
 */
export function changedFields<T extends Record<string, unknown>>(
  next: T,
  old: Partial<T>,
  fields: readonly (keyof T & string)[] = Object.keys(next),
) {
  const changed: Record<string, unknown> = {};
  const previous: Record<string, unknown> = {};
  for (const field of fields) {
    if (next[field] === old[field]) continue;
    changed[field] = next[field];
    previous[field] = old[field];
  }
  return { changed, previous };
}

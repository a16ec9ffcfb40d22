/**
 * Whether a JSON text nests objects and arrays deeper than `max`, found in one pass over the
 * bytes without parsing (strings skipped). A tracker's payload nests a handful of levels; a body
 * nested thousands deep would make PostgreSQL's jsonb input overflow its stack.
 */
export function nestedDeeperThan(raw: Buffer, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * A number token written into a JSON body exactly as given (`9007199254740993`, `1e-320`, `-0`,
 * `1e309`): JSON.stringify would round or rewrite it, and these tokens are the point.
 */
export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON.stringify that writes RawJson values as their raw text. */
export function toJson(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof RawJson) {
      raws.push(v.text);
      return `\u0001RAW${raws.length - 1}\u0001`;
    }
    return v;
  });
  if (raws.length === 0) return text;
  return text.replace(/"\\u0001RAW(\d+)\\u0001"/g, (_m, i: string) => raws[Number(i)]);
}

/** A list nested `depth` levels deep around `inner`, built without recursion. */
export function nestedList(depth: number, inner: unknown = 1): unknown {
  let value: unknown = inner;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** An object nested `depth` levels deep (`{ a: { a: ... } }`), built without recursion. */
export function nestedObject(depth: number, key = 'a', inner: unknown = 1): unknown {
  let value: unknown = inner;
  for (let i = 0; i < depth; i++) value = { [key]: value };
  return value;
}

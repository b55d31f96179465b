/** Following local `$ref`s inside a JSON Schema (#/definitions/x, #/$defs/x). */
import pointer from 'json-pointer';

export function resolveSchemaRef(
  root: Record<string, unknown>,
  node: Record<string, unknown>,
): Record<string, unknown> {
  let current = node;
  for (let hops = 0; hops < 32; hops++) {
    const ref = current.$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#')) return current;
    const path = ref.slice(1);
    if (path !== '' && !pointer.has(root, path)) return current;
    const target: unknown = path === '' ? root : pointer.get(root, path);
    if (!target || typeof target !== 'object') return current;
    current = target as Record<string, unknown>;
  }
  return current;
}

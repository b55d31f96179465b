/**
 * Modules loaded on first use. Each `import()` is a chunk of its own in the Lambda package
 * (cdk/lib/bundle.ts): a handler's cold start loads what every request needs (the middy stack, the
 * table's client), and each route's use case loads with the first request that calls it. A function
 * that serves twenty routes no longer parses the other nineteen before answering one.
 */

/**
 * A module loaded once: the first call imports it, every later one gets the same promise. `import()`
 * itself is not free on every call (local mode's TypeScript loader resolves it again each time, about
 * half a millisecond), and these run on every request.
 */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load();
    return loading;
  };
}

// biome-ignore lint/suspicious/noExplicitAny: any function's arguments; the export's own type is kept below
type AsyncFunction = (...args: any[]) => Promise<unknown>;

/** The names of a module's async functions. */
type AsyncExports<M> = { [P in keyof M]: M[P] extends AsyncFunction ? P : never }[keyof M];

/** A module's async functions, by the names a caller asked for. */
export type LazyModule<M, K extends AsyncExports<M>> = { readonly [P in K]: M[P] };

/**
 * The async functions `names` of a module loaded once, on the first call of any of them, each with its
 * own type: a handler file names the use cases it calls, `cases.readCase(...)`, and none of them loads
 * with it.
 */
export function lazyModule<M, const K extends AsyncExports<M>>(
  load: () => Promise<M>,
  names: readonly K[],
): LazyModule<M, K> {
  const module = once(load);
  const functions = names.map((name) => {
    const call = async (...args: unknown[]) => ((await module()) as Record<K, AsyncFunction>)[name](...args);
    return [name, call] as const;
  });
  return Object.freeze(Object.fromEntries(functions)) as LazyModule<M, K>;
}

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

/**
 * The async function `name` of a module loaded on its first call, with the function's own type: a
 * handler file names its use cases as it would with a static import, and none of them loads with it.
 */
export function deferred<
  Load extends () => Promise<unknown>,
  K extends AsyncExports<Awaited<ReturnType<Load>>>,
>(load: Load, name: K): Awaited<ReturnType<Load>>[K] {
  const call = async (...args: unknown[]) => ((await load()) as Record<K, AsyncFunction>)[name](...args);
  return call as Awaited<ReturnType<Load>>[K];
}

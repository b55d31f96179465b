/**
 * Runs an async load (usually an API call from a feature's api file) whenever `key` changes, aborting
 * the previous one. The result is tagged with its key, so a stale result is never shown for a new key.
 */
import { useEffect, useRef, useState } from 'react';

export type AsyncState<T> =
  | { status: 'loading' }
  | { status: 'done'; data: T }
  | { status: 'failed'; error: unknown; retry: () => void };

type Settled<T> = { key: string; attempt: number } & ({ ok: true; data: T } | { ok: false; error: unknown });

export function useAsync<T>(key: string, load: (signal: AbortSignal) => Promise<T>): AsyncState<T> {
  const latestLoad = useRef(load);
  latestLoad.current = load;
  const [attempt, setAttempt] = useState(0);
  const [settled, setSettled] = useState<Settled<T>>();

  useEffect(() => {
    const controller = new AbortController();
    latestLoad.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setSettled({ key, attempt, ok: true, data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setSettled({ key, attempt, ok: false, error });
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  if (!settled || settled.key !== key || settled.attempt !== attempt) return { status: 'loading' };
  if (settled.ok) return { status: 'done', data: settled.data };
  return { status: 'failed', error: settled.error, retry: () => setAttempt((n) => n + 1) };
}

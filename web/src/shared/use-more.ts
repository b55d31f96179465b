/**
 * A list that started with its first page and grows by "Muat lebih banyak": the items so far, whether
 * there is more, and a way to put an item the user just made at the top or replace one that changed.
 * Give the component using it a `key` that changes with the list's query, so it starts over.
 */
import { useState } from 'react';
import { errorMessage, type Page } from './api-client';

export interface MoreList<T> {
  items: T[];
  hasMore: boolean;
  loading: boolean;
  error: string | undefined;
  loadMore(): Promise<void>;
  prepend(item: T): void;
  replace(matches: (item: T) => boolean, next: T): void;
}

export function useMore<T>(first: Page<T>, load: (cursor: string) => Promise<Page<T>>): MoreList<T> {
  const [items, setItems] = useState<T[]>(first.items);
  const [cursor, setCursor] = useState(first.nextCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string>();

  const loadMore = async () => {
    if (!cursor || loading) return;
    setLoading(true);
    setError(undefined);
    try {
      const page = await load(cursor);
      setItems((previous) => [...previous, ...page.items]);
      setCursor(page.nextCursor);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setLoading(false);
    }
  };

  return {
    items,
    hasMore: cursor !== null,
    loading,
    error,
    loadMore,
    prepend: (item) => setItems((previous) => [item, ...previous]),
    replace: (matches, next) => setItems((previous) => previous.map((item) => (matches(item) ? next : item))),
  };
}

/** Sets the browser tab title (`<page> · Kawal`), so each page is announced and findable by name. */
import { useEffect } from 'react';

export function useDocumentTitle(page: string | undefined): void {
  useEffect(() => {
    document.title = page ? `${page} · Kawal` : 'Kawal';
  }, [page]);
}

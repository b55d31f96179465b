/** Sets the browser tab title (`<page> · Kawal`), so each page is announced and findable by name. */
import { useEffect } from 'react';
import { useBranding } from './branding';

export function useDocumentTitle(page: string | undefined): void {
  const { appName } = useBranding();
  useEffect(() => {
    document.title = page ? `${page} · ${appName}` : appName;
  }, [page, appName]);
}

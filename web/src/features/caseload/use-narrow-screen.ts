/** Whether the screen is a phone's (narrower than 600 CSS pixels), following rotation and resizing. */
import { useSyncExternalStore } from 'react';

const QUERY = '(max-width: 599.98px)';

function subscribe(listener: () => void): () => void {
  const media = window.matchMedia(QUERY);
  media.addEventListener('change', listener);
  return () => media.removeEventListener('change', listener);
}

export function useNarrowScreen(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(QUERY).matches);
}

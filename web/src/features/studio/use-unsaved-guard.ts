/**
 * Unsaved edits are never lost silently: while `dirty`, leaving the page inside the app asks first
 * (React Router's blocker), and closing or reloading the tab gets the browser's own question.
 */
import { useEffect } from 'react';
import { useBlocker } from 'react-router';
import { useTexts } from '../../shared/i18n/language';
import { studioTexts } from './texts';

export function useUnsavedGuard(dirty: boolean): void {
  const { t } = useTexts(studioTexts);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty &&
      (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
  );

  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    if (window.confirm(t('unsaved.confirm'))) blocker.proceed();
    else blocker.reset();
  }, [blocker, t]);

  useEffect(() => {
    if (!dirty) return;
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [dirty]);
}

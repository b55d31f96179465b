/** The error and the "Muat lebih banyak" button under a list that grows with `useMore`. */
import { useI18n } from './i18n/language';
import type { MoreList } from './use-more';

export function MoreButton<T>({ list }: { list: MoreList<T> }) {
  const { t } = useI18n();
  return (
    <>
      {list.error ? (
        <p className="alert alert-error" role="alert">
          {list.error}
        </p>
      ) : null}
      {list.hasMore ? (
        <button
          type="button"
          className="button"
          onClick={() => void list.loadMore()}
          disabled={list.loading}
          aria-busy={list.loading}
        >
          {t('app.more')}
        </button>
      ) : null}
    </>
  );
}

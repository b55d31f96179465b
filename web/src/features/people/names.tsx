/**
 * People and offices by their names, never their ids. A supervisor's screens resolve names through
 * their office's directory (one shared request); a worker sees their own name from the session; an
 * office's name comes from the offices list (one shared request).
 */

import { useTexts } from '../../shared/i18n/language';
import { useAsync } from '../../shared/use-async';
import { useSession } from '../auth/session';
import { listOffices, listPeople, type Office, type Person } from './api';
import { peopleTexts } from './texts';

/** The people of `office`, when the caller may read them (a supervisor of it, or an administrator). */
export function useOfficePeople(office: string | null | undefined): Person[] | undefined {
  const session = useSession();
  const user = session?.user;
  const allowed =
    office !== null &&
    office !== undefined &&
    (user?.roles.includes('admin') === true ||
      (user?.roles.includes('supervisor') === true && user.office === office));
  const people = useAsync(`people:${allowed ? office : ''}`, () =>
    allowed ? listPeople({ office }) : Promise.resolve([]),
  );
  return people.status === 'done' ? people.data : undefined;
}

export function useOffices(): Office[] | undefined {
  const offices = useAsync('offices', () => listOffices());
  return offices.status === 'done' ? offices.data : undefined;
}

/** A function naming a person id of `office`: the directory's name, the caller's own, or a neutral word. */
export function usePersonNamer(office: string | null | undefined): (id: string) => string {
  const { t } = useTexts(peopleTexts);
  const session = useSession();
  const people = useOfficePeople(office ?? session?.user.office);
  return (id: string) => {
    if (id === 'system') return t('system');
    if (session && id === session.user.id) return session.user.name;
    const found = people?.find((person) => person.id === id);
    if (found) return found.name;
    return people === undefined ? t('loading') : t('unknownPerson');
  };
}

/** A person by name (the assignee of a case of `office`, by default the caller's own office). */
export function PersonName({ id, office }: { id: string; office?: string | null }) {
  const name = usePersonNamer(office);
  return <>{name(id)}</>;
}

/** A function naming an office id: its name from the offices list (an office not listed keeps its code). */
export function useOfficeNamer(): (id: string) => string {
  const { t } = useTexts(peopleTexts);
  const offices = useOffices();
  return (id: string) => {
    if (offices === undefined) return t('loading');
    return offices.find((office) => office.id === id)?.name ?? id;
  };
}

export function OfficeName({ id }: { id: string }) {
  const name = useOfficeNamer();
  return <>{name(id)}</>;
}

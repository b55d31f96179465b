/**
 * People and offices by their names, never their ids. A supervisor's screens resolve names through
 * their office's directory (one shared request); a worker sees their own name from the session; an
 * office's name comes from the offices list (one shared request).
 */

import { useEffect, useState } from 'react';
import { useTexts } from '../../shared/i18n/language';
import { useAsync } from '../../shared/use-async';
import { useSession } from '../auth/session';
import { knownName, listOffices, listPeople, lookUpNames, type Office, type Person, watchNames } from './api';
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

/**
 * A function naming a person id: the caller's own name, the office directory's (a supervisor's or an
 * administrator's `office`), or else the name looked up by id (anyone who acted on a case, published a
 * form, wrote a note, from any office); a neutral word only for an id that names nobody.
 */
export function usePersonNamer(office: string | null | undefined): (id: string) => string {
  const { t } = useTexts(peopleTexts);
  const session = useSession();
  const people = useOfficePeople(office ?? session?.user.office);
  const [, setKnown] = useState(0);
  useEffect(() => watchNames(() => setKnown((n) => n + 1)), []);
  return (id: string) => {
    if (id === 'system') return t('system');
    if (session && id === session.user.id) return session.user.name;
    const found = people?.find((person) => person.id === id);
    if (found) return found.name;
    const known = knownName(id);
    if (known) return known;
    if (known === null) return t('unknownPerson');
    // Queued and sent on the next tick with the other ids this screen needs (asking twice is harmless).
    lookUpNames([id]);
    return t('loading');
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

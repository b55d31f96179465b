/**
 * The name to show for a person id (a PK on a case, the one who asked for an approval): the signed-in
 * user's own name, else the office directory's, else the id itself while the directory is not there.
 */
import { useEffect, useState } from 'react';
import { useSession } from '../auth/session';
import { officeNames } from './api';

export function usePersonName(): (id: string) => string {
  const session = useSession();
  const office = session?.user.office ?? null;
  const supervisor = session?.user.roles.includes('supervisor') === true;
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    if (!office || !supervisor) return;
    let current = true;
    void officeNames(office).then((found) => {
      if (current) setNames(found);
    });
    return () => {
      current = false;
    };
  }, [office, supervisor]);
  return (id: string) => {
    if (session && id === session.user.id) return session.user.name;
    return names.get(id) ?? id;
  };
}

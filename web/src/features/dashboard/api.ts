/** The dashboard feature's API calls: the counts, and the names of an office's people. */
import type { Dashboard } from '../../../../functions/cases/case-files';
import { apiRequest, type Page } from '../../shared/api-client';

export type { Dashboard };

/** GET /api/dashboard: counts, workload per PK and the weekly overdue series for the caller's scope. */
export function getDashboard(signal?: AbortSignal): Promise<Dashboard> {
  return apiRequest<Dashboard>('/api/dashboard', signal ? { signal } : {});
}

/** A person as the users directory lists them. */
export interface DirectoryPerson {
  id: string;
  name: string;
}

const directories = new Map<string, Promise<ReadonlyMap<string, string>>>();

/**
 * GET /api/users?office=: the names of an office's people by id, asked once per office and page
 * load. Empty when the directory cannot be read (a worker, or a deployment without it): callers then
 * show the id they have.
 */
export function officeNames(office: string): Promise<ReadonlyMap<string, string>> {
  let names = directories.get(office);
  if (!names) {
    names = apiRequest<DirectoryPerson[] | Page<DirectoryPerson>>(
      `/api/users?office=${encodeURIComponent(office)}`,
    ).then(
      (answer) => {
        const people = Array.isArray(answer) ? answer : answer.items;
        return new Map(people.map((person) => [person.id, person.name]));
      },
      () => {
        directories.delete(office);
        return new Map<string, string>();
      },
    );
    directories.set(office, names);
  }
  return names;
}

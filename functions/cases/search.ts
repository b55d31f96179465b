/**
 * Searching for a client's cases before opening another: by NIK, or by name and birth date. The
 * caller sees the matches in their own scope (a worker their cases, a supervisor the office's); a
 * supervisor also learns how many matches other offices hold, a worker how many others in their own
 * office do, never what those cases are.
 */
import { stageTitle } from '../domain/case-type';
import type { User } from '../platform/claims';
import { AppError } from '../platform/errors';
import type { Lang } from '../platform/messages';
import { type ClientKey, type ClientMatch, casesByClient } from '../store/client-keys';
import { publishedCaseType } from './case-types';
import { findOffice } from './offices';

export type { ClientKey, ClientMatch };

/** A match as a person reads it: the case type, stage and office by their titles too. */
export interface FoundCase extends ClientMatch {
  caseTypeTitle: string;
  stageTitle: string;
  officeName: string;
}

export interface CaseSearch {
  items: FoundCase[];
  /** A supervisor's: matches in other offices, counted per office. */
  elsewhere?: { office: string; officeName: string; count: number }[];
  /** A worker's: matches in their own office held by someone else. */
  othersInOffice?: number;
}

const isSupervisor = (user: User) => user.roles.includes('supervisor') && user.office !== null;

/** Whether the caller may read the matching case (as `canRead` decides for a head). */
function visible(user: User, match: ClientMatch): boolean {
  return (isSupervisor(user) && match.office === user.office) || match.assignee === user.id;
}

async function officeName(id: string): Promise<string> {
  return (await findOffice(id))?.name ?? id;
}

async function titled(match: ClientMatch): Promise<FoundCase> {
  const type = await publishedCaseType(match.caseType);
  return {
    ...match,
    caseTypeTitle: type?.title ?? match.caseType,
    stageTitle: type ? stageTitle(type.content, match.stage) : match.stage,
    officeName: await officeName(match.office),
  };
}

export async function searchCases(user: User, key: ClientKey): Promise<CaseSearch> {
  const matches = await casesByClient(key);
  const items = await Promise.all(matches.filter((match) => visible(user, match)).map(titled));
  const hidden = matches.filter((match) => !visible(user, match));
  if (isSupervisor(user)) {
    const counts = new Map<string, number>();
    for (const match of hidden) counts.set(match.office, (counts.get(match.office) ?? 0) + 1);
    const elsewhere = await Promise.all(
      [...counts].map(async ([office, count]) => ({ office, officeName: await officeName(office), count })),
    );
    return { items, elsewhere };
  }
  return { items, othersInOffice: hidden.filter((match) => match.office === user.office).length };
}

const DUPLICATE_DETAIL: Record<Lang, string> = {
  id: 'NIK ini sudah tercatat pada kasus lain di kantor Anda.',
  en: 'This NIK is already recorded on another case in your office.',
};

/**
 * Refuses (409 `duplicate_nik`) a new case whose client's NIK already has a case in the caller's
 * office, unless the caller confirmed that a new one is needed. Each match is a detail at
 * `/client/nik`, with the case itself when the caller may read it.
 */
export async function refuseDuplicateNik(user: User, nik: string | undefined, lang: Lang): Promise<void> {
  if (!nik || !user.office) return;
  const inOffice = (await casesByClient({ nik })).filter((match) => match.office === user.office);
  if (inOffice.length === 0) return;
  throw new AppError('duplicate_nik', {
    details: inOffice.map((match) => ({
      path: '/client/nik',
      message: DUPLICATE_DETAIL[lang],
      ...(visible(user, match) ? { case: match } : {}),
    })),
  });
}

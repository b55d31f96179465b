/**
 * Writes `holidays-data.ts`: Indonesia's public holidays per year as date-holidays computes them, so
 * handlers read stored data instead of loading the library (and moment-timezone) at run time. Run
 * again after upgrading date-holidays or to widen the range:
 * `npx tsx functions/domain/holidays-data.gen.ts`. A unit test fails when the stored data and the
 * library disagree.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import Holidays from 'date-holidays';

export const FIRST_YEAR = 2020;
export const LAST_YEAR = 2040;

const library = new Holidays('ID');

/** The library's public holidays in `year`, as `[date, name]` by date. */
export function libraryBaseline(year: number): [string, string][] {
  return library
    .getHolidays(year)
    .filter((holiday) => holiday.type === 'public')
    .map((holiday): [string, string] => [holiday.date.slice(0, 10), holiday.name])
    .sort(([a], [b]) => a.localeCompare(b));
}

const quote = (text: string): string =>
  text.includes("'") ? JSON.stringify(text) : `'${text.replace(/\\/g, '\\\\')}'`;

/** The module's source text. */
export function holidaysModule(): string {
  const version = (
    JSON.parse(
      readFileSync(new URL('../../node_modules/date-holidays/package.json', import.meta.url), 'utf8'),
    ) as { version: string }
  ).version;
  const years: string[] = [];
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    const days = libraryBaseline(year).map(([date, name]) => `    [${quote(date)}, ${quote(name)}],`);
    years.push(`  ${year}: [\n${days.join('\n')}\n  ],`);
  }
  return `/**
 * Indonesia's public holidays ${FIRST_YEAR}–${LAST_YEAR} as date-holidays ${version} computes them: the baseline
 * of the working calendar (./calendar.ts). Written by ./holidays-data.gen.ts; do not edit.
 */

export const BASELINE_FIRST_YEAR = ${FIRST_YEAR};
export const BASELINE_LAST_YEAR = ${LAST_YEAR};

/** Per year, \`[date, name]\` of each public holiday, by date. */
export const BASELINE_HOLIDAYS: Readonly<Record<number, readonly (readonly [string, string])[]>> = {
${years.join('\n')}
};
`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = new URL('./holidays-data.ts', import.meta.url);
  writeFileSync(file, holidaysModule());
  console.log(`wrote ${file.pathname} (${FIRST_YEAR}–${LAST_YEAR})`);
}

/**
 * `/admin/kalender`: the working-day calendar of one year (`?tahun=`), as deadlines are counted with
 * it. The holiday library's baseline for Indonesia is shown with what the administrator changed to
 * follow the year's joint decree (SKB 3 Menteri): days added (cuti bersama, a holiday the library
 * lacks or dates differently), baseline days that are not a day off this year, and corrections of a
 * baseline day's name or date; the decree is cited with its date. The resulting days off and each
 * month's working days are shown as a preview while editing and as the server answers after saving.
 */
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTexts } from '../../../shared/i18n/language';
import { LoadError } from '../../../shared/load-error';
import { useAsync } from '../../../shared/use-async';
import { useDocumentTitle } from '../../../shared/use-document-title';
import { studioTexts } from '../texts';
import { useUnsavedGuard } from '../use-unsaved-guard';
import { type CalendarDay, type CalendarYear, type DayKind, getCalendar, saveCalendar } from './api';
import { daysOffWith, isDateIn, isWeekend, workingDaysByMonth } from './calendar-days';
import { formatLongDate, monthName } from './dates';
import { type Refusal, refusalOf } from './field-errors';
import { DAY_KIND_LABELS, DAY_KINDS, isDayKind } from './labels';
import { directoryTexts } from './texts';
import './directory.css';

const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

function yearFrom(raw: string | null, fallback: number): number {
  const year = Number(raw);
  return raw && /^\d{4}$/.test(raw) && year >= MIN_YEAR && year <= MAX_YEAR ? year : fallback;
}

export function CalendarPage() {
  const { t } = useTexts(directoryTexts);
  useDocumentTitle(t('calendar.title'));
  const [params, setParams] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const year = yearFrom(params.get('tahun'), thisYear);
  const loaded = useAsync(`calendar:${year}`, (signal) => getCalendar(year, signal));
  const years = [...new Set([...Array.from({ length: 7 }, (_, i) => thisYear - 2 + i), year])].sort();

  return (
    <>
      <h1 tabIndex={-1}>{t('calendar.title')}</h1>
      <p className="directory-intro">{t('calendar.intro')}</p>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="directory-year">{t('calendar.year')}</label>
          <select
            id="directory-year"
            value={year}
            onChange={(event) => setParams(new URLSearchParams({ tahun: event.target.value }))}
          >
            {years.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </div>
      </form>
      {loaded.status === 'loading' ? <p role="status">{t('loading')}</p> : null}
      {loaded.status === 'failed' ? <LoadError error={loaded.error} retry={loaded.retry} /> : null}
      {loaded.status === 'done' ? <CalendarEditor key={year} initial={loaded.data} /> : null}
    </>
  );
}

interface Draft {
  add: CalendarDay[];
  remove: string[];
  source: string;
  sourceDate: string;
}

const draftOf = (year: CalendarYear): Draft => ({
  add: [...year.adjustments.add].sort((a, b) => a.date.localeCompare(b.date)),
  remove: [...year.adjustments.remove].sort(),
  source: year.adjustments.source ?? '',
  sourceDate: year.adjustments.sourceDate ?? '',
});

const sameDraft = (a: Draft, b: Draft) =>
  JSON.stringify({ ...a, source: a.source.trim() }) === JSON.stringify({ ...b, source: b.source.trim() });

/** What the day form is doing: adding a day, editing an added one, or correcting a baseline day. */
type DayMode = { mode: 'add' } | { mode: 'edit'; date: string } | { mode: 'correct'; date: string };

function CalendarEditor({ initial }: { initial: CalendarYear }) {
  const { t, lang } = useTexts(directoryTexts);
  const studio = useTexts(studioTexts);
  const ids = useId();
  const { year } = initial;
  const [saved, setSaved] = useState(initial);
  const [draft, setDraft] = useState(() => draftOf(initial));
  const [dayMode, setDayMode] = useState<DayMode>({ mode: 'add' });
  const [dayFormKey, setDayFormKey] = useState(0);
  const [status, setStatus] = useState('');
  const [refusal, setRefusal] = useState<Refusal>();
  const [busy, setBusy] = useState(false);
  const dirty = !sameDraft(draft, draftOf(saved));
  useUnsavedGuard(dirty);

  const removed = new Set(draft.remove);
  const added = new Map(draft.add.map((day) => [day.date, day]));
  const baselineDates = new Map<string, CalendarDay[]>();
  for (const day of saved.baseline)
    baselineDates.set(day.date, [...(baselineDates.get(day.date) ?? []), day]);
  const otherRemovals = draft.remove.filter((date) => !baselineDates.has(date));
  const result = dirty ? daysOffWith(saved.baseline, draft.add, draft.remove) : saved.daysOff;
  const months = workingDaysByMonth(year, result);
  const total = months.reduce(
    (sum, month) => ({
      weekdays: sum.weekdays + month.weekdays,
      daysOff: sum.daysOff + month.daysOff,
      working: sum.working + month.working,
    }),
    { weekdays: 0, daysOff: 0, working: 0 },
  );
  const date = (value: string) => formatLongDate(value, lang);
  const kind = (value: string) => (isDayKind(value) ? t(DAY_KIND_LABELS[value]) : value);
  const names = (days: CalendarDay[]) => days.map((day) => day.name).join(' / ');

  const change = (next: Partial<Draft>, message?: string) => {
    setDraft((current) => ({ ...current, ...next }));
    setStatus(message ?? '');
  };

  const toggleRemoved = (day: string) => {
    const label = date(day);
    if (removed.has(day))
      change({ remove: draft.remove.filter((d) => d !== day) }, t('calendar.restored', { date: label }));
    else change({ remove: [...draft.remove, day].sort() }, t('calendar.markedWorking', { date: label }));
  };

  const editDay = (mode: DayMode) => {
    setDayMode(mode);
    setDayFormKey((n) => n + 1);
  };

  /** The day form's result: the additions and removals it implies. */
  const putDay = (day: CalendarDay, mode: DayMode) => {
    let add = draft.add.filter((other) => other.date !== day.date);
    let remove = draft.remove.filter((other) => other !== day.date);
    if (mode.mode !== 'add') add = add.filter((other) => other.date !== mode.date);
    // A baseline day corrected to another date is no longer a day off on its own date.
    if (mode.mode === 'correct' && mode.date !== day.date) remove = [...remove, mode.date].sort();
    add = [...add, day].sort((a, b) => a.date.localeCompare(b.date));
    const message =
      mode.mode === 'add'
        ? t('calendar.dayAdded', { date: date(day.date), name: day.name })
        : t('calendar.dayChanged', { date: date(day.date), name: day.name });
    change({ add, remove }, message);
    editDay({ mode: 'add' });
  };

  const dropDay = (day: CalendarDay) => {
    change(
      { add: draft.add.filter((other) => other.date !== day.date) },
      t('calendar.dayDropped', { date: date(day.date), name: day.name }),
    );
    if (dayMode.mode === 'edit' && dayMode.date === day.date) editDay({ mode: 'add' });
  };

  const save = async () => {
    setStatus('');
    if (draft.sourceDate && !isDateIn(draft.sourceDate, Number(draft.sourceDate.slice(0, 4)))) {
      setRefusal({ fields: { '/sourceDate': t('calendar.sourceDateInvalid') }, general: undefined });
      return;
    }
    setBusy(true);
    setRefusal(undefined);
    try {
      const answer = await saveCalendar({
        year,
        add: draft.add,
        remove: draft.remove,
        source: draft.source.trim(),
        sourceDate: draft.sourceDate,
      });
      setSaved(answer);
      setDraft(draftOf(answer));
      setStatus(t('calendar.saved', { year }));
    } catch (error) {
      setRefusal(
        refusalOf(error, (path) => /^\/(source|sourceDate|add\/\d+(\/\w+)?|remove\/\d+)$/.test(path)),
      );
    } finally {
      setBusy(false);
    }
  };

  const discard = () => {
    if (!window.confirm(t('form.discard'))) return;
    setDraft(draftOf(saved));
    setRefusal(undefined);
    editDay({ mode: 'add' });
    setStatus(t('calendar.discarded'));
  };

  /** A refusal's message for the added day at `index` (any of its fields). */
  const addError = (index: number) =>
    ['', '/date', '/name', '/kind'].map((field) => refusal?.fields[`/add/${index}${field}`]).find(Boolean);
  const removeError = (day: string) => refusal?.fields[`/remove/${draft.remove.indexOf(day)}`];
  const fieldError = (path: '/source' | '/sourceDate') => refusal?.fields[path];

  return (
    <>
      <p role="status" className="status-success">
        {status}
      </p>

      <section className="section panel" aria-labelledby={`${ids}-decree`}>
        <h2 id={`${ids}-decree`}>{t('calendar.decreeTitle')}</h2>
        <p className="hint">{t('calendar.decreeHint', { year })}</p>
        <div className="stack directory-decree">
          <div className="field">
            <label htmlFor={`${ids}-source`}>{t('calendar.source')}</label>
            <textarea
              id={`${ids}-source`}
              rows={3}
              maxLength={500}
              value={draft.source}
              aria-invalid={fieldError('/source') ? true : undefined}
              aria-describedby={fieldError('/source') ? `${ids}-source-error` : undefined}
              onChange={(event) => change({ source: event.target.value })}
            />
            {fieldError('/source') ? (
              <p id={`${ids}-source-error`} className="field-error">
                {fieldError('/source')}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor={`${ids}-source-date`}>{t('calendar.sourceDate')}</label>
            <input
              id={`${ids}-source-date`}
              type="date"
              value={draft.sourceDate}
              aria-invalid={fieldError('/sourceDate') ? true : undefined}
              aria-describedby={`${ids}-source-date-shown${fieldError('/sourceDate') ? ` ${ids}-source-date-error` : ''}`}
              onChange={(event) => change({ sourceDate: event.target.value })}
            />
            <p id={`${ids}-source-date-shown`} className="hint">
              {draft.sourceDate ? date(draft.sourceDate) : t('calendar.sourceDateNone')}
            </p>
            {fieldError('/sourceDate') ? (
              <p id={`${ids}-source-date-error`} className="field-error">
                {fieldError('/sourceDate')}
              </p>
            ) : null}
          </div>
        </div>
      </section>

      <section className="section panel" aria-labelledby={`${ids}-baseline`}>
        <h2 id={`${ids}-baseline`}>{t('calendar.baselineTitle', { year })}</h2>
        <p className="hint">{t('calendar.baselineHint')}</p>
        {baselineDates.size === 0 ? (
          <p className="muted">{t('calendar.baselineEmpty')}</p>
        ) : (
          <div className="table-wrap directory-table-wrap">
            <table className="table directory-days">
              <caption className="sr-only">{t('calendar.baselineTitle', { year })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('calendar.date')}</th>
                  <th scope="col">{t('calendar.name')}</th>
                  <th scope="col">{t('calendar.state')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('table.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...baselineDates.entries()].map(([day, days]) => {
                  const off = removed.has(day);
                  const correction = added.get(day);
                  return (
                    <tr key={day} className={off ? 'directory-struck' : undefined}>
                      <th scope="row">{date(day)}</th>
                      <td>{names(days)}</td>
                      <td>
                        {off ? (
                          <span className="badge badge-no">{t('calendar.stateRemoved')}</span>
                        ) : correction ? (
                          t('calendar.stateCorrected', { name: correction.name, kind: kind(correction.kind) })
                        ) : (
                          t('calendar.stateOff')
                        )}
                        {isWeekend(day) ? (
                          <span className="cell-sub meta">{t('calendar.weekend')}</span>
                        ) : null}
                        {removeError(day) ? (
                          <span className="field-error cell-sub">{removeError(day)}</span>
                        ) : null}
                      </td>
                      <td>
                        <div className="actions directory-row-actions">
                          <button
                            type="button"
                            className="button button-small"
                            aria-pressed={off}
                            onClick={() => toggleRemoved(day)}
                          >
                            {t('calendar.notOff')}
                            <span className="sr-only"> ({date(day)})</span>
                          </button>
                          <button
                            type="button"
                            className="button button-small"
                            onClick={() => editDay({ mode: 'correct', date: day })}
                          >
                            {t('calendar.correct')}
                            <span className="sr-only"> ({date(day)})</span>
                          </button>
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {otherRemovals.length > 0 ? (
          <>
            <h3 className="small-heading">{t('calendar.otherRemovals')}</h3>
            <ul className="item-list">
              {otherRemovals.map((day) => (
                <li key={day} className="item">
                  <span>{date(day)}</span>
                  <button type="button" className="button button-small" onClick={() => toggleRemoved(day)}>
                    {t('calendar.restore')}
                    <span className="sr-only"> ({date(day)})</span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section className="section panel" aria-labelledby={`${ids}-added`}>
        <h2 id={`${ids}-added`}>{t('calendar.addedTitle')}</h2>
        <p className="hint">{t('calendar.addedHint')}</p>
        {draft.add.length === 0 ? (
          <p className="muted">{t('calendar.addedEmpty')}</p>
        ) : (
          <div className="table-wrap directory-table-wrap">
            <table className="table directory-days">
              <caption className="sr-only">{t('calendar.addedTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('calendar.date')}</th>
                  <th scope="col">{t('calendar.name')}</th>
                  <th scope="col">{t('calendar.kind')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('table.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {draft.add.map((day, index) => (
                  <tr key={day.date} className={removed.has(day.date) ? 'directory-struck' : undefined}>
                    <th scope="row">{date(day.date)}</th>
                    <td>
                      {day.name}
                      {baselineDates.has(day.date) ? (
                        <span className="cell-sub meta">
                          {t('calendar.replacesBaseline', { name: names(baselineDates.get(day.date) ?? []) })}
                        </span>
                      ) : null}
                      {removed.has(day.date) ? (
                        <span className="cell-sub meta">{t('calendar.addedButRemoved')}</span>
                      ) : null}
                      {addError(index) ? (
                        <span className="field-error cell-sub">{addError(index)}</span>
                      ) : null}
                    </td>
                    <td>{kind(day.kind)}</td>
                    <td>
                      <div className="actions directory-row-actions">
                        <button
                          type="button"
                          className="button button-small"
                          onClick={() => editDay({ mode: 'edit', date: day.date })}
                        >
                          {t('calendar.editDay')}
                          <span className="sr-only"> ({date(day.date)})</span>
                        </button>
                        <button
                          type="button"
                          className="button button-small button-danger"
                          onClick={() => dropDay(day)}
                        >
                          {t('calendar.dropDay')}
                          <span className="sr-only"> ({date(day.date)})</span>
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <DayForm
          key={dayFormKey}
          year={year}
          mode={dayMode}
          start={
            dayMode.mode === 'edit'
              ? added.get(dayMode.date)
              : dayMode.mode === 'correct'
                ? (added.get(dayMode.date) ?? {
                    date: dayMode.date,
                    name: names(baselineDates.get(dayMode.date) ?? []),
                    kind: 'libur-nasional',
                  })
                : undefined
          }
          taken={(day) => added.has(day) && !(dayMode.mode !== 'add' && dayMode.date === day)}
          focusOnMount={dayFormKey > 0}
          onDone={putDay}
          onCancel={() => editDay({ mode: 'add' })}
        />
      </section>

      <section className="section panel" aria-labelledby={`${ids}-result`}>
        <h2 id={`${ids}-result`}>{t('calendar.resultTitle', { year })}</h2>
        {dirty ? <p className="notice">{t('calendar.preview')}</p> : null}
        <p>
          {t('calendar.resultSummary', {
            total: result.length,
            weekdays: result.filter((day) => !isWeekend(day.date)).length,
          })}
        </p>
        {result.length > 0 ? (
          <section
            className="table-wrap directory-table-wrap"
            aria-labelledby={`${ids}-result`}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than a phone scrolls, and the keyboard must reach it
            tabIndex={0}
          >
            <table className="table directory-days">
              <caption className="sr-only">{t('calendar.resultTitle', { year })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('calendar.date')}</th>
                  <th scope="col">{t('calendar.name')}</th>
                  <th scope="col">{t('calendar.kind')}</th>
                </tr>
              </thead>
              <tbody>
                {result.map((day) => (
                  <tr key={day.date}>
                    <th scope="row">
                      {date(day.date)}
                      {isWeekend(day.date) ? (
                        <span className="cell-sub meta">{t('calendar.weekend')}</span>
                      ) : null}
                    </th>
                    <td>{day.name}</td>
                    <td>{kind(day.kind)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ) : null}
        <h3 id={`${ids}-months`}>{t('calendar.monthsTitle')}</h3>
        <section
          className="table-wrap directory-table-wrap"
          aria-labelledby={`${ids}-months`}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than a phone scrolls, and the keyboard must reach it
          tabIndex={0}
        >
          <table className="table directory-months" aria-labelledby={`${ids}-months`}>
            <thead>
              <tr>
                <th scope="col">{t('calendar.month')}</th>
                <th scope="col">{t('calendar.weekdays')}</th>
                <th scope="col">{t('calendar.daysOffOnWeekdays')}</th>
                <th scope="col">{t('calendar.workingDays')}</th>
              </tr>
            </thead>
            <tbody>
              {months.map((month) => (
                <tr key={month.month}>
                  <th scope="row">{monthName(month.month, lang)}</th>
                  <td>{month.weekdays}</td>
                  <td>{month.daysOff}</td>
                  <td>{month.working}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('calendar.total')}</th>
                <td>{total.weekdays}</td>
                <td>{total.daysOff}</td>
                <td>{total.working}</td>
              </tr>
            </tfoot>
          </table>
        </section>
      </section>

      <div className="directory-savebar">
        {refusal?.general ? (
          <p className="alert alert-error" role="alert">
            {refusal.general}
          </p>
        ) : refusal ? (
          <p className="alert alert-error" role="alert">
            {t('calendar.fixErrors')}
          </p>
        ) : null}
        <div className="actions">
          <button
            type="button"
            className="button button-primary"
            disabled={busy || !dirty}
            aria-busy={busy}
            onClick={() => void save()}
          >
            {busy ? t('form.saving') : t('calendar.save', { year })}
          </button>
          {dirty ? (
            <>
              <button type="button" className="button" onClick={discard}>
                {t('calendar.discard')}
              </button>
              <span className="badge">{studio.t('unsaved.badge')}</span>
            </>
          ) : null}
        </div>
      </div>
    </>
  );
}

/** Adding a day, editing an added one, or correcting a baseline day (its name, kind or date). */
function DayForm({
  year,
  mode,
  start,
  taken,
  focusOnMount,
  onDone,
  onCancel,
}: {
  year: number;
  mode: DayMode;
  start: CalendarDay | undefined;
  /** Whether another added day already has this date. */
  taken: (date: string) => boolean;
  focusOnMount: boolean;
  onDone: (day: CalendarDay, mode: DayMode) => void;
  onCancel: () => void;
}) {
  const { t, lang } = useTexts(directoryTexts);
  const ids = useId();
  const legendRef = useRef<HTMLHeadingElement>(null);
  const [day, setDay] = useState(start?.date ?? '');
  const [name, setName] = useState(start?.name ?? '');
  const [kind, setKind] = useState<DayKind>(start?.kind ?? 'cuti-bersama');
  const [errors, setErrors] = useState<{ date?: string; name?: string }>({});

  useEffect(() => {
    if (focusOnMount) legendRef.current?.focus();
  }, [focusOnMount]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: { date?: string; name?: string } = {};
    if (!isDateIn(day, year)) found.date = t('calendar.dateOutside', { year });
    else if (taken(day)) found.date = t('calendar.dateTaken', { date: formatLongDate(day, lang) });
    if (name.trim() === '') found.name = t('calendar.nameMissing');
    setErrors(found);
    if (found.date || found.name) {
      const form = event.currentTarget;
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    onDone({ date: day, name: name.trim(), kind }, mode);
  };

  const title =
    mode.mode === 'add'
      ? t('calendar.addDayTitle')
      : mode.mode === 'edit'
        ? t('calendar.editDayTitle', { date: formatLongDate(mode.date, lang) })
        : t('calendar.correctDayTitle', { date: formatLongDate(mode.date, lang) });

  return (
    <form className="directory-day-form" onSubmit={submit} noValidate aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`} ref={legendRef} tabIndex={-1}>
        {title}
      </h3>
      {mode.mode === 'correct' ? <p className="hint">{t('calendar.correctHint')}</p> : null}
      <div className="inline-form">
        <div className="field">
          <label htmlFor={`${ids}-date`}>{t('calendar.date')}</label>
          <input
            id={`${ids}-date`}
            type="date"
            min={`${year}-01-01`}
            max={`${year}-12-31`}
            value={day}
            aria-invalid={errors.date ? true : undefined}
            aria-describedby={errors.date ? `${ids}-date-error` : undefined}
            onChange={(event) => setDay(event.target.value)}
          />
        </div>
        <div className="field field-grow">
          <label htmlFor={`${ids}-name`}>{t('calendar.name')}</label>
          <input
            id={`${ids}-name`}
            type="text"
            maxLength={200}
            value={name}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={errors.name ? `${ids}-name-error` : undefined}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-kind`}>{t('calendar.kind')}</label>
          <select
            id={`${ids}-kind`}
            value={kind}
            onChange={(event) => {
              if (isDayKind(event.target.value)) setKind(event.target.value);
            }}
          >
            {DAY_KINDS.map((option) => (
              <option key={option} value={option}>
                {t(DAY_KIND_LABELS[option])}
              </option>
            ))}
          </select>
        </div>
      </div>
      {errors.date ? (
        <p id={`${ids}-date-error`} className="field-error">
          {errors.date}
        </p>
      ) : null}
      {errors.name ? (
        <p id={`${ids}-name-error`} className="field-error">
          {errors.name}
        </p>
      ) : null}
      {day && isDateIn(day, year) ? <p className="hint">{formatLongDate(day, lang)}</p> : null}
      <div className="actions">
        <button type="submit" className="button">
          {mode.mode === 'add' ? t('calendar.addDay') : t('calendar.applyDay')}
        </button>
        {mode.mode !== 'add' ? (
          <button type="button" className="button" onClick={onCancel}>
            {t('form.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

/**
 * `/admin/pengguna`: the users directory for an administrator. Lists people by office and role,
 * invites someone (locally the first password is shown once; in AWS Cognito emails it), changes a
 * person's name, NIP, roles and office, and disables (after confirming) or enables them. A disabled
 * person cannot sign in and is not offered as an assignee.
 */
import { type FormEvent, type ReactNode, useId, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../../../shared/api-client';
import type { MessageKey } from '../../../shared/i18n/dictionary';
import { formatDateTime, useI18n, useTexts } from '../../../shared/i18n/language';
import { LoadError } from '../../../shared/load-error';
import { useAsync } from '../../../shared/use-async';
import { useDocumentTitle } from '../../../shared/use-document-title';
import { useAuthMode } from '../../auth/authenticator';
import { useSession } from '../../auth/session';
import {
  changePerson,
  invitePerson,
  listPeople,
  type Office,
  type Person,
  type PersonChange,
  ROLES,
  type Role,
  resetAuthenticator,
} from '../../people/api';
import { useOffices } from '../../people/names';
import { type PeopleKey, peopleTexts } from '../../people/texts';

const ROLE_LABELS: Record<Role, MessageKey> = {
  admin: 'role.admin',
  supervisor: 'role.supervisor',
  worker: 'role.worker',
};

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

export function UsersPage() {
  const { t } = useTexts(peopleTexts);
  useDocumentTitle(t('users.title'));
  const offices = useOffices() ?? [];
  const [filters, setFilters] = useState<{ office: string; role: string }>({ office: '', role: '' });
  const [reload, setReload] = useState(0);
  const [status, setStatus] = useState('');
  const [inviting, setInviting] = useState(false);
  const ids = useId();
  const people = useAsync(`admin-users:${filters.office}:${filters.role}:${reload}`, () =>
    listPeople(
      {
        ...(filters.office ? { office: filters.office } : {}),
        ...(isRole(filters.role) ? { role: filters.role } : {}),
      },
      { fresh: true },
    ),
  );
  const changed = (message: string) => {
    setStatus(message);
    setReload((n) => n + 1);
  };

  return (
    <>
      <div className="page-heading">
        <h1 tabIndex={-1}>{t('users.title')}</h1>
        <button
          type="button"
          className="button button-primary"
          aria-expanded={inviting}
          aria-controls={`${ids}-invite`}
          onClick={() => setInviting((open) => !open)}
        >
          {t('invite.title')}
        </button>
      </div>
      <p className="muted">{t('users.intro')}</p>
      <div id={`${ids}-invite`}>
        {inviting ? (
          <InviteForm
            offices={offices}
            onInvited={(message) => {
              setInviting(false);
              changed(message);
            }}
            onCancel={() => setInviting(false)}
          />
        ) : null}
      </div>
      <p role="status" className="status-success">
        {status}
      </p>
      <Filters offices={offices} filters={filters} onApply={setFilters} />
      <section aria-labelledby={`${ids}-list`} className="section">
        <h2 id={`${ids}-list`}>{t('users.list')}</h2>
        {people.status === 'loading' ? <p role="status">{t('loading')}</p> : null}
        {people.status === 'failed' ? <LoadError error={people.error} retry={people.retry} /> : null}
        {people.status === 'done' ? (
          <PeopleTable people={people.data} offices={offices} captionId={`${ids}-list`} onChanged={changed} />
        ) : null}
      </section>
    </>
  );
}

function Filters({
  offices,
  filters,
  onApply,
}: {
  offices: Office[];
  filters: { office: string; role: string };
  onApply: (next: { office: string; role: string }) => void;
}) {
  const { t } = useTexts(peopleTexts);
  const common = useI18n();
  const ids = useId();
  const [office, setOffice] = useState(filters.office);
  const [role, setRole] = useState(filters.role);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply({ office, role });
  };
  return (
    <form className="filters" onSubmit={submit} aria-label={t('users.filters')}>
      <div className="field">
        <label htmlFor={`${ids}-office`}>{t('users.office')}</label>
        <select id={`${ids}-office`} value={office} onChange={(event) => setOffice(event.target.value)}>
          <option value="">{t('users.allOffices')}</option>
          {offices.map((item) => (
            <option key={item.id} value={item.id}>
              {item.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${ids}-role`}>{t('users.role')}</label>
        <select id={`${ids}-role`} value={role} onChange={(event) => setRole(event.target.value)}>
          <option value="">{t('users.allRoles')}</option>
          {ROLES.map((value) => (
            <option key={value} value={value}>
              {common.t(ROLE_LABELS[value])}
            </option>
          ))}
        </select>
      </div>
      <div className="filters-actions">
        <button type="submit" className="button">
          {t('users.apply')}
        </button>
      </div>
    </form>
  );
}

function PeopleTable({
  people,
  offices,
  captionId,
  onChanged,
}: {
  people: Person[];
  offices: Office[];
  captionId: string;
  onChanged: (message: string) => void;
}) {
  const { t } = useTexts(peopleTexts);
  const common = useI18n();
  const session = useSession();
  const [editing, setEditing] = useState<string>();
  const [confirming, setConfirming] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const [failure, setFailure] = useState<{ id: string; message: string }>();
  const officeName = (id: string | null) =>
    id === null ? t('users.noOffice') : (offices.find((office) => office.id === id)?.name ?? id);

  const setActive = async (person: Person, active: boolean) => {
    setBusy(person.id);
    setFailure(undefined);
    try {
      await changePerson(person, { active });
      setConfirming(undefined);
      onChanged(t(active ? 'users.enabled' : 'users.disabled', { name: person.name }));
    } catch (caught) {
      setFailure({ id: person.id, message: errorMessage(caught) });
    } finally {
      setBusy(undefined);
    }
  };

  if (people.length === 0) return <p>{t('users.empty')}</p>;
  return (
    <div className="table-wrap">
      <table className="table" aria-labelledby={captionId}>
        <thead>
          <tr>
            <th scope="col">{t('users.name')}</th>
            <th scope="col">{t('users.username')}</th>
            <th scope="col">{t('users.roles')}</th>
            <th scope="col">{t('users.office')}</th>
            <th scope="col">{t('users.status')}</th>
            <th scope="col">{t('users.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {people.map((person) => {
            const self = person.id === session?.user.id;
            return (
              <PersonRows
                key={person.id}
                person={person}
                columns={6}
                editing={editing === person.id}
                onEdit={() => setEditing((open) => (open === person.id ? undefined : person.id))}
                onSaved={(message) => {
                  setEditing(undefined);
                  onChanged(message);
                }}
                offices={offices}
              >
                <th scope="row">
                  {person.name}
                  {person.nip ? (
                    <span className="meta cell-sub">{t('users.nip', { nip: person.nip })}</span>
                  ) : null}
                </th>
                <td>{person.username ?? ''}</td>
                <td>{person.roles.map((role) => common.t(ROLE_LABELS[role])).join(', ')}</td>
                <td>{officeName(person.office)}</td>
                <td>
                  <span className={person.active ? 'badge badge-yes' : 'badge badge-no'}>
                    {person.active ? t('users.active') : t('users.inactive')}
                  </span>
                </td>
                <td>
                  <div className="inline-form">
                    <button
                      type="button"
                      className="button button-small"
                      aria-expanded={editing === person.id}
                      aria-label={`${t('users.edit')} ${person.name}`}
                      onClick={() => setEditing((open) => (open === person.id ? undefined : person.id))}
                    >
                      {t('users.edit')}
                    </button>
                    {self ? null : person.active ? (
                      confirming === person.id ? null : (
                        <button
                          type="button"
                          className="button button-small button-danger"
                          aria-label={`${t('users.disable')} ${person.name}`}
                          onClick={() => setConfirming(person.id)}
                        >
                          {t('users.disable')}
                        </button>
                      )
                    ) : (
                      <button
                        type="button"
                        className="button button-small"
                        disabled={busy === person.id}
                        aria-label={`${t('users.enable')} ${person.name}`}
                        onClick={() => void setActive(person, true)}
                      >
                        {t('users.enable')}
                      </button>
                    )}
                  </div>
                  {confirming === person.id ? (
                    <div className="confirm stack">
                      <p>{t('users.disableConfirm', { name: person.name })}</p>
                      <div className="inline-form">
                        <button
                          type="button"
                          className="button button-small button-danger"
                          disabled={busy === person.id}
                          aria-busy={busy === person.id}
                          onClick={() => void setActive(person, false)}
                        >
                          {t('users.disableYes')}
                        </button>
                        <button
                          type="button"
                          className="button button-small"
                          onClick={() => setConfirming(undefined)}
                        >
                          {t('users.disableNo')}
                        </button>
                      </div>
                    </div>
                  ) : null}
                  {failure?.id === person.id ? (
                    <p className="alert alert-error" role="alert">
                      {failure.message}
                    </p>
                  ) : null}
                </td>
              </PersonRows>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A person's row, and under it their editor while it is open. */
function PersonRows({
  person,
  columns,
  editing,
  onEdit,
  onSaved,
  offices,
  children,
}: {
  person: Person;
  columns: number;
  editing: boolean;
  onEdit: () => void;
  onSaved: (message: string) => void;
  offices: Office[];
  children: ReactNode;
}) {
  return (
    <>
      <tr>{children}</tr>
      {editing ? (
        <tr>
          <td colSpan={columns}>
            <div className="stack">
              <PersonEditor person={person} offices={offices} onSaved={onSaved} onCancel={onEdit} />
              <AuthenticatorSection person={person} onReset={onSaved} />
            </div>
          </td>
        </tr>
      ) : null}
    </>
  );
}

/** Only Cognito accounts have an authenticator app; a laptop's accounts sign in with a password only. */
function AuthenticatorSection(props: { person: Person; onReset: (message: string) => void }) {
  return useAuthMode() === 'cognito' ? <AuthenticatorReset {...props} /> : null;
}

/**
 * A lost or replaced phone: the administrator removes the person's authenticator app and ends their
 * sessions, after a confirmation that says what happens and asks them to have checked who is asking.
 */
function AuthenticatorReset({ person, onReset }: { person: Person; onReset: (message: string) => void }) {
  const { t, lang } = useTexts(peopleTexts);
  const ids = useId();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  const reset = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      await resetAuthenticator(person);
      onReset(t('users.authenticatorDone', { name: person.name }));
    } catch (caught) {
      setFailure(errorMessage(caught));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="stack" aria-labelledby={`${ids}-title`}>
      <h4 id={`${ids}-title`}>{t('users.authenticatorTitle')}</h4>
      <p className="meta">{t('users.authenticatorHelp', { name: person.name })}</p>
      {person.authenticatorResetAt ? (
        <p className="meta">
          {t('users.authenticatorLastReset', { when: formatDateTime(person.authenticatorResetAt, lang) })}
        </p>
      ) : null}
      {confirming ? (
        <div className="confirm stack">
          <p>{t('users.authenticatorConfirm', { name: person.name })}</p>
          <div className="inline-form">
            <button
              type="button"
              className="button button-small button-danger"
              disabled={busy}
              aria-busy={busy}
              onClick={() => void reset()}
            >
              {t('users.authenticatorYes')}
            </button>
            <button type="button" className="button button-small" onClick={() => setConfirming(false)}>
              {t('users.authenticatorNo')}
            </button>
          </div>
        </div>
      ) : (
        <div>
          <button
            type="button"
            className="button button-small"
            aria-label={`${t('users.authenticatorReset')} ${person.name}`}
            onClick={() => setConfirming(true)}
          >
            {t('users.authenticatorReset')}
          </button>
        </div>
      )}
      {failure ? (
        <p className="alert alert-error" role="alert">
          {failure}
        </p>
      ) : null}
    </section>
  );
}

type Field = 'name' | 'login' | 'roles' | 'office' | 'nip';

/** Name, NIP, roles and office: the fields an invitation and a change share. */
function PersonFields({
  ids,
  values,
  onChange,
  errors,
  offices,
}: {
  ids: string;
  values: { name: string; nip: string; roles: Role[]; office: string };
  onChange: (next: Partial<{ name: string; nip: string; roles: Role[]; office: string }>) => void;
  errors: Partial<Record<Field, string>>;
  offices: Office[];
}) {
  const { t } = useTexts(peopleTexts);
  const common = useI18n();
  const error = (field: Field) =>
    errors[field] ? (
      <p id={`${ids}-${field}-error`} className="field-error">
        {errors[field]}
      </p>
    ) : null;
  const describedBy = (field: Field, hint?: string) =>
    [hint, errors[field] ? `${ids}-${field}-error` : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <>
      <div className="field">
        <label htmlFor={`${ids}-name`}>{t('invite.name')}</label>
        <input
          id={`${ids}-name`}
          type="text"
          autoComplete="off"
          maxLength={200}
          value={values.name}
          onChange={(event) => onChange({ name: event.target.value })}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={describedBy('name')}
        />
        {error('name')}
      </div>
      <fieldset className="field choice-group" aria-describedby={describedBy('roles')}>
        <legend>{t('invite.roles')}</legend>
        {ROLES.map((role, index) => (
          <label key={role} className="radio-inline">
            <input
              id={index === 0 ? `${ids}-roles` : undefined}
              type="checkbox"
              checked={values.roles.includes(role)}
              onChange={(event) =>
                onChange({
                  roles: event.target.checked
                    ? ROLES.filter((r) => r === role || values.roles.includes(r))
                    : values.roles.filter((r) => r !== role),
                })
              }
            />
            <span>{common.t(ROLE_LABELS[role])}</span>
          </label>
        ))}
        {error('roles')}
      </fieldset>
      <div className="field">
        <label htmlFor={`${ids}-office`}>{t('invite.office')}</label>
        <select
          id={`${ids}-office`}
          value={values.office}
          onChange={(event) => onChange({ office: event.target.value })}
          aria-invalid={errors.office ? true : undefined}
          aria-describedby={describedBy('office')}
        >
          <option value="">{t('invite.chooseOffice')}</option>
          {offices.map((office) => (
            <option key={office.id} value={office.id}>
              {office.name}
            </option>
          ))}
        </select>
        {error('office')}
      </div>
      <div className="field">
        <label htmlFor={`${ids}-nip`}>{t('invite.nip')}</label>
        <input
          id={`${ids}-nip`}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          maxLength={18}
          value={values.nip}
          onChange={(event) => onChange({ nip: event.target.value.trim() })}
          aria-invalid={errors.nip ? true : undefined}
          aria-describedby={describedBy('nip', `${ids}-nip-hint`)}
        />
        <p id={`${ids}-nip-hint`} className="hint">
          {t('invite.nipHint')}
        </p>
        {error('nip')}
      </div>
    </>
  );
}

/** The checks both forms make before asking the server, with the field each problem belongs to. */
function checkPerson(
  values: { name: string; nip: string; roles: Role[]; office: string },
  t: (key: PeopleKey) => string,
): Partial<Record<Field, string>> {
  const found: Partial<Record<Field, string>> = {};
  if (values.name.trim() === '') found.name = t('invite.nameMissing');
  if (values.roles.length === 0) found.roles = t('invite.rolesMissing');
  if (values.office === '' && values.roles.some((role) => role !== 'admin'))
    found.office = t('invite.officeMissing');
  if (values.nip !== '' && !/^\d{18}$/.test(values.nip)) found.nip = t('invite.nipInvalid');
  return found;
}

/** The server's refusal on the field it concerns, else as a message for the form. */
function serverField(caught: unknown): Field | undefined {
  if (!(caught instanceof ApiError)) return undefined;
  if (caught.code === 'office_required' || caught.code === 'unknown_office') return 'office';
  if (caught.code === 'user_exists' || caught.code === 'email_required') return 'login';
  return undefined;
}

function PersonEditor({
  person,
  offices,
  onSaved,
  onCancel,
}: {
  person: Person;
  offices: Office[];
  onSaved: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTexts(peopleTexts);
  const ids = useId();
  const [values, setValues] = useState({
    name: person.name,
    nip: person.nip ?? '',
    roles: person.roles as Role[],
    office: person.office ?? '',
  });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = checkPerson(values, t);
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`${ids}-${first}`)?.focus();
      return;
    }
    const change: PersonChange = {};
    if (values.name.trim() !== person.name) change.name = values.name.trim();
    if ((values.nip || undefined) !== person.nip) change.nip = values.nip === '' ? null : values.nip;
    if (values.roles.join() !== person.roles.join()) change.roles = values.roles;
    if ((values.office || null) !== person.office) change.office = values.office || null;
    if (Object.keys(change).length === 0) return onCancel();
    setBusy(true);
    setFailure(undefined);
    try {
      const saved = await changePerson(person, change);
      onSaved(t('users.saved', { name: saved.name }));
    } catch (caught) {
      setBusy(false);
      const field = serverField(caught);
      if (field) setErrors({ [field]: errorMessage(caught) });
      else setFailure(errorMessage(caught));
    }
  };

  return (
    <form className="stack" onSubmit={submit} noValidate aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>{t('users.editTitle', { name: person.name })}</h3>
      <PersonFields
        ids={ids}
        values={values}
        onChange={(next) => setValues((current) => ({ ...current, ...next }))}
        errors={errors}
        offices={offices}
      />
      {failure ? (
        <p className="alert alert-error" role="alert">
          {failure}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
          {t('users.save')}
        </button>
        <button type="button" className="button button-link" onClick={onCancel}>
          {t('users.cancel')}
        </button>
      </div>
    </form>
  );
}

function InviteForm({
  offices,
  onInvited,
  onCancel,
}: {
  offices: Office[];
  onInvited: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTexts(peopleTexts);
  const ids = useId();
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [values, setValues] = useState({ name: '', nip: '', roles: ['worker'] as Role[], office: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [password, setPassword] = useState<{ username: string; password: string; name: string }>();
  const passwordRef = useRef<HTMLDivElement>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = checkPerson(values, t);
    if (username.trim() === '' && email.trim() === '') found.login = t('invite.loginMissing');
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      setFailure(t('invite.invalid'));
      document.getElementById(`${ids}-${first}`)?.focus();
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      const invited = await invitePerson({
        ...(username.trim() ? { username: username.trim().toLowerCase() } : {}),
        ...(email.trim() ? { email: email.trim() } : {}),
        name: values.name.trim(),
        roles: values.roles,
        office: values.office || null,
        ...(values.nip ? { nip: values.nip } : {}),
      });
      setBusy(false);
      if (invited.temporaryPassword) {
        setPassword({
          username: invited.username ?? invited.id,
          password: invited.temporaryPassword,
          name: invited.name,
        });
        requestAnimationFrame(() => passwordRef.current?.focus());
      } else {
        onInvited(
          `${t('invite.done', { name: invited.name })} ${t('invite.emailSent', { email: invited.email ?? '' })}`,
        );
      }
    } catch (caught) {
      setBusy(false);
      const field = serverField(caught);
      if (field) setErrors({ [field]: errorMessage(caught) });
      setFailure(errorMessage(caught));
    }
  };

  if (password) {
    return (
      <div className="panel panel-notice stack" ref={passwordRef} tabIndex={-1}>
        <h2>{t('invite.done', { name: password.name })}</h2>
        <p>
          <strong>
            {t('invite.password', { username: password.username, password: password.password })}
          </strong>
        </p>
        <p>{t('invite.passwordNote')}</p>
        <div>
          <button
            type="button"
            className="button"
            onClick={() => onInvited(t('invite.done', { name: password.name }))}
          >
            {t('invite.close')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <section className="panel" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('invite.title')}</h2>
      <form className="stack" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${ids}-login`}>{t('invite.username')}</label>
          <input
            id={`${ids}-login`}
            type="text"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={128}
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            aria-invalid={errors.login ? true : undefined}
            aria-describedby={[`${ids}-login-hint`, errors.login ? `${ids}-login-error` : '']
              .filter(Boolean)
              .join(' ')}
          />
          <p id={`${ids}-login-hint`} className="hint">
            {t('invite.usernameHint')}
          </p>
          {errors.login ? (
            <p id={`${ids}-login-error`} className="field-error">
              {errors.login}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={`${ids}-email`}>{t('invite.email')}</label>
          <input
            id={`${ids}-email`}
            type="email"
            autoComplete="off"
            maxLength={254}
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            aria-describedby={`${ids}-email-hint`}
          />
          <p id={`${ids}-email-hint`} className="hint">
            {t('invite.emailHint')}
          </p>
        </div>
        <PersonFields
          ids={ids}
          values={values}
          onChange={(next) => setValues((current) => ({ ...current, ...next }))}
          errors={errors}
          offices={offices}
        />
        {failure ? (
          <p className="alert alert-error" role="alert">
            {failure}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
            {t('invite.submit')}
          </button>
          <button type="button" className="button button-link" onClick={onCancel}>
            {t('users.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

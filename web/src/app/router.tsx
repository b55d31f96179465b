/**
 * The routes. Pages are loaded lazily, one chunk per feature page; everything except the login page
 * needs a session.
 */
import { createBrowserRouter, Navigate } from 'react-router';
import { RequireSession } from '../features/auth/require-session';
import { homePath, useSession } from '../features/auth/session';
import { Layout } from './layout';
import { NotFoundPage } from './not-found-page';
import { RouteError } from './route-error';

/** `/`: the caseload for those who hold cases, the forms for an administrator, the login page otherwise. */
function Home() {
  const session = useSession();
  return <Navigate to={session ? homePath(session.user) : '/masuk'} replace />;
}

export const router = createBrowserRouter([
  {
    Component: Layout,
    ErrorBoundary: RouteError,
    HydrateFallback: () => null,
    children: [
      { index: true, Component: Home },
      {
        path: 'masuk',
        lazy: async () => ({ Component: (await import('../features/auth/login-page')).LoginPage }),
      },
      {
        Component: RequireSession,
        children: [
          {
            path: 'kasus',
            lazy: async () => ({
              Component: (await import('../features/caseload/caseload-page')).CaseloadPage,
            }),
          },
          {
            path: 'kasus/:id',
            lazy: async () => ({ Component: (await import('../features/case/case-page')).CasePage }),
          },
          {
            // A supervisor's charts: recharts loads with this route only, never with the caseload.
            path: 'dasbor',
            lazy: async () => ({
              Component: (await import('../features/dashboard/dashboard-page')).DashboardPage,
            }),
          },
          {
            path: 'formulir',
            lazy: async () => ({
              Component: (await import('../features/forms/forms-list-page')).FormsListPage,
            }),
          },
          {
            path: 'akun',
            lazy: async () => ({ Component: (await import('../features/auth/account-page')).AccountPage }),
          },
          {
            path: 'formulir/:id',
            lazy: async () => ({
              Component: (await import('../features/forms/fill-form-page')).FillFormPage,
            }),
          },
          {
            // The administrator's studio: one lazily loaded part of the app, each section its own chunk.
            path: 'admin',
            lazy: async () => ({
              Component: (await import('../features/studio/studio-layout')).StudioLayout,
            }),
            children: [
              {
                index: true,
                lazy: async () => ({
                  Component: (await import('../features/studio/studio-home')).StudioHome,
                }),
              },
              {
                path: 'pengguna',
                lazy: async () => ({
                  Component: (await import('../features/studio/users/users-page')).UsersPage,
                }),
              },
              {
                path: 'aturan',
                lazy: async () => ({
                  Component: (await import('../features/studio/rulesets/rulesets-page')).RulesetsPage,
                }),
              },
              {
                path: 'aturan/:id',
                lazy: async () => ({
                  Component: (await import('../features/studio/rulesets/ruleset-page')).RulesetPage,
                }),
              },
              {
                path: 'jenis-kasus',
                lazy: async () => ({
                  Component: (await import('../features/studio/case-types/case-types-page')).CaseTypesPage,
                }),
              },
              {
                path: 'jenis-kasus/:id',
                lazy: async () => ({
                  Component: (await import('../features/studio/case-types/case-type-page')).CaseTypePage,
                }),
              },
              {
                path: 'paket',
                lazy: async () => ({
                  Component: (await import('../features/studio/packs/packs-page')).PacksPage,
                }),
              },
              {
                path: 'formulir',
                lazy: async () => ({
                  Component: (await import('../features/studio/forms/forms-list-page')).FormsListPage,
                }),
              },
              {
                path: 'formulir/:id',
                lazy: async () => ({
                  Component: (await import('../features/studio/forms/form-editor-page')).FormEditorPage,
                }),
              },
              {
                path: 'layanan',
                lazy: async () => ({
                  Component: (await import('../features/studio/directory/services-page')).ServicesPage,
                }),
              },
              {
                path: 'kantor',
                lazy: async () => ({
                  Component: (await import('../features/studio/directory/offices-page')).OfficesPage,
                }),
              },
              {
                path: 'kalender',
                lazy: async () => ({
                  Component: (await import('../features/studio/directory/calendar-page')).CalendarPage,
                }),
              },
            ],
          },
        ],
      },
      { path: '*', Component: NotFoundPage },
    ],
  },
]);

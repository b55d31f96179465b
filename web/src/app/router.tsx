/**
 * The routes. Pages are loaded lazily, one chunk per feature page; everything except the login page
 * needs a session.
 */
import { createBrowserRouter, Navigate } from 'react-router';
import { RequireSession } from '../features/auth/require-session';
import { Layout } from './layout';
import { NotFoundPage } from './not-found-page';
import { RouteError } from './route-error';

export const router = createBrowserRouter([
  {
    Component: Layout,
    ErrorBoundary: RouteError,
    HydrateFallback: () => null,
    children: [
      { index: true, element: <Navigate to="/formulir" replace /> },
      {
        path: 'masuk',
        lazy: async () => ({ Component: (await import('../features/auth/login-page')).LoginPage }),
      },
      {
        Component: RequireSession,
        children: [
          {
            path: 'formulir',
            lazy: async () => ({
              Component: (await import('../features/forms/forms-list-page')).FormsListPage,
            }),
          },
          {
            path: 'formulir/:id',
            lazy: async () => ({
              Component: (await import('../features/forms/fill-form-page')).FillFormPage,
            }),
          },
        ],
      },
      { path: '*', Component: NotFoundPage },
    ],
  },
]);

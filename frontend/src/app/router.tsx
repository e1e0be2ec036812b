import { createBrowserRouter } from 'react-router';

import { AppLayout } from '@/app/layout/app-layout';
import type { RouteHandle } from '@/app/layout/breadcrumbs';
import { NotFound } from '@/app/not-found';
import { RequireAuth, RequireCapability } from '@/app/require-auth';
import { LoginPage } from '@/features/auth/pages/login-page';
import { CataloguePage } from '@/features/catalog/pages/catalogue-page';
import { CodeTablesPage } from '@/features/catalog/pages/code-tables-page';
import { ProvinceCataloguePage } from '@/features/catalog/pages/province-catalogue-page';
import { DashboardPage } from '@/features/dashboard/pages/dashboard-page';
import { ExportButton } from '@/features/import-export/components/export-button';
import { ImportPage } from '@/features/import-export/pages/import-page';
import { OrgsPage } from '@/features/orgs/pages/orgs-page';
import { ProfilePage } from '@/features/profile/pages/profile-page';
import { MySubmissionsPage } from '@/features/reviews/pages/my-submissions-page';
import { ReviewPage } from '@/features/reviews/pages/review-page';
import { ReviewFlowsPage } from '@/features/reviews/pages/review-flows-page';
import { ReviewQueuePage } from '@/features/reviews/pages/review-queue-page';
import type { TeacherFilters } from '@/features/teachers/api/teachers-api';
import { TeacherArchivePage } from '@/features/teachers/pages/teacher-archive-page';
import { TeacherNewPage } from '@/features/teachers/pages/teacher-new-page';
import { TeachersPage } from '@/features/teachers/pages/teachers-page';
import { UsersPage } from '@/features/users/pages/users-page';

const handle = (crumbs: RouteHandle['crumbs']): RouteHandle => ({ crumbs });

/** The teacher list's 导出: the export feature's dialog, given the list's applied filters. */
const teacherListActions = (filters: TeacherFilters) => <ExportButton filters={filters} />;

export function createAppRouter() {
  return createBrowserRouter([
    { path: '/login', element: <LoginPage /> },
    {
      path: '/',
      element: (
        <RequireAuth>
          <AppLayout />
        </RequireAuth>
      ),
      children: [
        { index: true, element: <DashboardPage />, handle: handle(['menu.dashboard']) },
        {
          path: 'teachers',
          element: (
            <RequireCapability capability="teachers.view">
              <TeachersPage actions={teacherListActions} />
            </RequireCapability>
          ),
          handle: handle(['menu.teachers', 'menu.archives']),
        },
        {
          path: 'teachers/import',
          element: (
            <RequireCapability capability="teachers.change">
              <ImportPage />
            </RequireCapability>
          ),
          handle: handle(['menu.teachers', 'menu.imports']),
        },
        {
          path: 'teachers/new',
          element: (
            <RequireCapability capability="teachers.change">
              <TeacherNewPage />
            </RequireCapability>
          ),
          handle: handle(['menu.teachers', 'menu.archives']),
        },
        {
          path: 'teachers/:id',
          element: (
            <RequireCapability capability="teachers.view">
              <TeacherArchivePage />
            </RequireCapability>
          ),
          handle: handle(['menu.teachers', 'menu.archives']),
        },
        {
          path: 'reviews',
          element: (
            <RequireCapability capability="reviews.decide">
              <ReviewQueuePage />
            </RequireCapability>
          ),
          handle: handle(['menu.teachers', 'menu.reviews']),
        },
        {
          // Where notifications lead: reviewers and fillers alike (the API shows items in the user's scope).
          path: 'reviews/:id',
          element: (
            <RequireCapability capability="teachers.view">
              <ReviewPage />
            </RequireCapability>
          ),
          handle: handle(['menu.teachers', 'menu.reviews']),
        },
        {
          path: 'my-submissions',
          element: (
            <RequireCapability capability="teachers.change">
              <MySubmissionsPage />
            </RequireCapability>
          ),
          handle: handle(['menu.teachers', 'menu.mySubmissions']),
        },
        {
          path: 'orgs',
          element: (
            <RequireCapability capability="orgs.view">
              <OrgsPage />
            </RequireCapability>
          ),
          handle: handle(['menu.admin', 'menu.orgs']),
        },
        {
          path: 'users',
          element: (
            <RequireCapability capability="users.view">
              <UsersPage />
            </RequireCapability>
          ),
          handle: handle(['menu.admin', 'menu.users']),
        },
        { path: 'catalog', element: <CataloguePage />, handle: handle(['menu.admin', 'menu.catalog']) },
        {
          path: 'province-catalog',
          element: (
            <RequireCapability capability="catalog.manage">
              <ProvinceCataloguePage />
            </RequireCapability>
          ),
          handle: handle(['menu.admin', 'menu.provinceCatalog']),
        },
        { path: 'code-tables', element: <CodeTablesPage />, handle: handle(['menu.admin', 'menu.codeTables']) },
        {
          path: 'review-flows',
          element: (
            <RequireCapability capability="orgs.manage">
              <ReviewFlowsPage />
            </RequireCapability>
          ),
          handle: handle(['menu.admin', 'menu.reviewFlows']),
        },
        { path: 'profile', element: <ProfilePage />, handle: handle(['menu.profile']) },
        { path: '*', element: <NotFound /> },
      ],
    },
  ]);
}

import type { QueryClient } from '@tanstack/react-query';
import { createElement, lazy, type ComponentType } from 'react';

import type { MenuIcon } from '@/app/layout/menu-icons';
import type { Level } from '@/lib/org-levels';
import type zhCommon from '@/locales/zh-CN/common';

/** A label of the menu and the breadcrumbs (`common:menu.*`). */
export type MenuLabelKey = `menu.${keyof (typeof zhCommon)['menu']}`;

/** The menu's groups, in the order of UX.md; a route names its group, the group's own item has no page. */
export const MENU_GROUPS = {
  teachers: { labelKey: 'menu.teachers', icon: 'solution' },
  training: { labelKey: 'menu.training', icon: 'read' },
  rotation: { labelKey: 'menu.rotation', icon: 'interaction' },
  reports: { labelKey: 'menu.reports', icon: 'barChart' },
  admin: { labelKey: 'menu.admin', icon: 'setting' },
} as const satisfies Record<string, { labelKey: MenuLabelKey; icon: MenuIcon }>;
export type MenuGroup = keyof typeof MENU_GROUPS;

/** A page downloaded when first shown, whose download can also start early (`preload`, the same module). */
export type LazyPage = ComponentType & { preload: () => Promise<unknown> };

/**
 * React's `lazy`, except that a page whose code has arrived (preloaded during the cold start's session restore)
 * renders at once: `lazy` would suspend once more on its first render, and React holds a revealed Suspense
 * boundary back for up to 300 ms — once for the layout and once more for the page.
 */
export function lazyPage(load: () => Promise<{ default: ComponentType }>): LazyPage {
  let loaded: ComponentType | undefined;
  const preload = () =>
    load().then((module) => {
      loaded = module.default;
      return module;
    });
  const Lazy = lazy(preload);
  const Page = () => (loaded ? createElement(loaded) : createElement(Lazy));
  return Object.assign(Page, { preload });
}

/** What a route's cold start may ask for while its code downloads (the module downloads with the call). */
export interface RoutePrefetch {
  prefetchRoute: (queryClient: QueryClient, level: string | undefined) => Promise<void>;
}

/** One screen of the signed-in SPA: where it is, who may open it, and where the menu shows it. */
export interface AppRoute {
  /** The URL path (React Router syntax), also the menu item's key. */
  path: string;
  /** The page, downloaded when the route is first opened. */
  page: LazyPage;
  /** Data the page asks for first, fetched in parallel with its code on a cold start (app/boot). */
  prefetch?: () => Promise<RoutePrefetch>;
  /** Required to open the page and to see its menu item; none: every signed-in user. */
  capability?: string;
  /** Only users whose organisation is at one of these levels may open the page and see its item. */
  levels?: readonly Level[];
  /** Breadcrumbs under the header; the last one is the menu item's label. */
  crumbs: readonly MenuLabelKey[];
  /** Shown in the left menu (inside `group`, if given) with this icon (layout/menu-icons); absent: reached by links only. */
  menu?: { group?: MenuGroup; icon: MenuIcon };
}

/**
 * Every screen behind the login, declared once: the router builds its routes and guards from this table and the
 * left menu its items (hidden when the capability or level is missing). Menu items appear in the table's order.
 * A new screen is one entry here (its page module exports the component as `default` through `lazy`).
 */
export const ROUTES: readonly AppRoute[] = [
  {
    path: '/',
    page: lazyPage(() => import('@/features/dashboard/pages/dashboard-page').then((m) => ({ default: m.DashboardPage }))),
    // Counts of the user's organisation; the auditor (audit log only) starts at the audit page instead.
    capability: 'orgs.view',
    crumbs: ['menu.dashboard'],
    menu: { icon: 'home' },
  },
  // 教师信息
  {
    path: '/teachers',
    page: lazyPage(() => import('@/app/routes/teachers-with-export')),
    prefetch: () => import('@/features/teachers/api/teacher-list-prefetch'),
    capability: 'teachers.view',
    crumbs: ['menu.teachers', 'menu.archives'],
    menu: { group: 'teachers', icon: 'idcard' },
  },
  {
    path: '/teachers/import',
    page: lazyPage(() => import('@/features/import-export/pages/import-page').then((m) => ({ default: m.ImportPage }))),
    capability: 'teachers.change',
    crumbs: ['menu.teachers', 'menu.imports'],
    menu: { group: 'teachers', icon: 'cloudUpload' },
  },
  {
    path: '/teachers/new',
    page: lazyPage(() => import('@/features/teachers/pages/teacher-new-page').then((m) => ({ default: m.TeacherNewPage }))),
    capability: 'teachers.change',
    crumbs: ['menu.teachers', 'menu.archives'],
  },
  {
    path: '/teachers/:id',
    page: lazyPage(() => import('@/app/routes/teacher-archive-with-changes')),
    capability: 'teachers.view',
    crumbs: ['menu.teachers', 'menu.archives'],
  },
  {
    path: '/reviews',
    page: lazyPage(() => import('@/features/reviews/pages/review-queue-page').then((m) => ({ default: m.ReviewQueuePage }))),
    capability: 'reviews.decide',
    crumbs: ['menu.teachers', 'menu.reviews'],
    menu: { group: 'teachers', icon: 'audit' },
  },
  {
    // Where notifications lead: reviewers and fillers alike (the API shows items in the user's scope).
    path: '/reviews/:id',
    page: lazyPage(() => import('@/features/reviews/pages/review-page').then((m) => ({ default: m.ReviewPage }))),
    capability: 'teachers.view',
    crumbs: ['menu.teachers', 'menu.reviews'],
  },
  {
    path: '/my-submissions',
    page: lazyPage(() =>
      import('@/features/reviews/pages/my-submissions-page').then((m) => ({ default: m.MySubmissionsPage })),
    ),
    capability: 'teachers.change',
    crumbs: ['menu.teachers', 'menu.mySubmissions'],
    menu: { group: 'teachers', icon: 'fileDone' },
  },
  {
    // 问题数据: the county's summary down to a school's worklist (a school clerk sees her own).
    path: '/quality',
    page: lazyPage(() => import('@/features/quality/pages/quality-page').then((m) => ({ default: m.QualityPage }))),
    capability: 'quality.view',
    crumbs: ['menu.teachers', 'menu.quality'],
    menu: { group: 'teachers', icon: 'warning' },
  },
  {
    path: '/changes',
    page: lazyPage(() => import('@/features/changes/pages/changes-page').then((m) => ({ default: m.ChangesPage }))),
    capability: 'teachers.view',
    crumbs: ['menu.teachers', 'menu.changes'],
    menu: { group: 'teachers', icon: 'swap' },
  },
  {
    // The receiving school applies for a transfer (pull model).
    path: '/changes/transfer',
    page: lazyPage(() =>
      import('@/features/changes/pages/transfer-wizard-page').then((m) => ({ default: m.TransferWizardPage })),
    ),
    capability: 'teachers.change',
    crumbs: ['menu.teachers', 'menu.transferApply'],
    menu: { group: 'teachers', icon: 'userAdd' },
  },
  // 培训学时
  {
    path: '/training/programmes',
    page: lazyPage(() => import('@/features/training/pages/programmes-page').then((m) => ({ default: m.ProgrammesPage }))),
    capability: 'training.view',
    crumbs: ['menu.training', 'menu.trainingProgrammes'],
    menu: { group: 'training', icon: 'project' },
  },
  {
    path: '/training/programmes/:id',
    page: lazyPage(() => import('@/features/training/pages/programme-page').then((m) => ({ default: m.ProgrammePage }))),
    capability: 'training.view',
    crumbs: ['menu.training', 'menu.trainingProgrammes'],
  },
  {
    path: '/training/claims',
    page: lazyPage(() => import('@/features/training/pages/claims-page').then((m) => ({ default: m.ClaimsPage }))),
    capability: 'training.view',
    crumbs: ['menu.training', 'menu.trainingClaims'],
    menu: { group: 'training', icon: 'form' },
  },
  {
    // A programme's participants of the filler's school, one claim each.
    path: '/training/claims/batch',
    page: lazyPage(() => import('@/features/training/pages/batch-claims-page').then((m) => ({ default: m.BatchClaimsPage }))),
    capability: 'training.claim',
    crumbs: ['menu.training', 'menu.trainingClaims'],
  },
  {
    path: '/training/compliance',
    page: lazyPage(() => import('@/features/training/pages/compliance-page').then((m) => ({ default: m.CompliancePage }))),
    capability: 'training.view',
    crumbs: ['menu.training', 'menu.trainingCompliance'],
    menu: { group: 'training', icon: 'pieChart' },
  },
  {
    // The province's rules: set by its own administrators (each save a new version).
    path: '/training/rules',
    page: lazyPage(() => import('@/features/training/pages/rules-page').then((m) => ({ default: m.RulesPage }))),
    capability: 'training.manage',
    levels: ['province'],
    crumbs: ['menu.training', 'menu.trainingRules'],
    menu: { group: 'training', icon: 'control' },
  },
  // 交流轮岗
  {
    path: '/rotation/eligible',
    page: lazyPage(() => import('@/features/rotation/pages/eligible-page').then((m) => ({ default: m.EligiblePage }))),
    capability: 'rotation.view',
    crumbs: ['menu.rotation', 'menu.rotationEligible'],
    menu: { group: 'rotation', icon: 'checkSquare' },
  },
  {
    path: '/rotation/plans',
    page: lazyPage(() => import('@/features/rotation/pages/plans-page').then((m) => ({ default: m.PlansPage }))),
    capability: 'rotation.view',
    crumbs: ['menu.rotation', 'menu.rotationPlans'],
    menu: { group: 'rotation', icon: 'schedule' },
  },
  {
    path: '/rotation/plans/:id',
    page: lazyPage(() => import('@/features/rotation/pages/plan-page').then((m) => ({ default: m.PlanPage }))),
    capability: 'rotation.view',
    crumbs: ['menu.rotation', 'menu.rotationPlans'],
  },
  {
    path: '/rotation/assignments',
    page: lazyPage(() => import('@/features/rotation/pages/assignments-page').then((m) => ({ default: m.AssignmentsPage }))),
    capability: 'rotation.view',
    crumbs: ['menu.rotation', 'menu.rotationAssignments'],
    menu: { group: 'rotation', icon: 'team' },
  },
  {
    path: '/rotation/report',
    page: lazyPage(() => import('@/features/rotation/pages/report-page').then((m) => ({ default: m.ReportPage }))),
    capability: 'rotation.view',
    crumbs: ['menu.rotation', 'menu.rotationReport'],
    menu: { group: 'rotation', icon: 'pieChart' },
  },
  // 统计分析
  {
    path: '/reports/monthly',
    page: lazyPage(() =>
      import('@/features/reports/pages/monthly-report-page').then((m) => ({ default: m.MonthlyReportPage })),
    ),
    capability: 'reports.view',
    crumbs: ['menu.reports', 'menu.monthlyReport'],
    menu: { group: 'reports', icon: 'fileText' },
  },
  {
    path: '/reports/ranking',
    page: lazyPage(() => import('@/features/reports/pages/ranking-page').then((m) => ({ default: m.RankingPage }))),
    capability: 'reports.view',
    crumbs: ['menu.reports', 'menu.ranking'],
    menu: { group: 'reports', icon: 'notification' },
  },
  {
    path: '/reports/headcounts',
    page: lazyPage(() =>
      import('@/features/headcounts/pages/headcounts-page').then((m) => ({ default: m.HeadcountsPage })),
    ),
    capability: 'reports.view',
    // The statistics figures are a region's business: a school has no units under it to compare.
    levels: ['central', 'province', 'city', 'county'],
    crumbs: ['menu.reports', 'menu.headcounts'],
    menu: { group: 'reports', icon: 'reconciliation' },
  },
  {
    path: '/reports/working-groups',
    page: lazyPage(() =>
      import('@/features/workplans/pages/working-groups-page').then((m) => ({ default: m.WorkingGroupsPage })),
    ),
    capability: 'workplans.view',
    crumbs: ['menu.reports', 'menu.workingGroups'],
    menu: { group: 'reports', icon: 'team' },
  },
  {
    path: '/reports/work-plans',
    page: lazyPage(() => import('@/features/workplans/pages/work-plans-page').then((m) => ({ default: m.WorkPlansPage }))),
    capability: 'workplans.view',
    crumbs: ['menu.reports', 'menu.workPlans'],
    menu: { group: 'reports', icon: 'schedule' },
  },
  // 系统管理
  {
    path: '/orgs',
    page: lazyPage(() => import('@/features/orgs/pages/orgs-page').then((m) => ({ default: m.OrgsPage }))),
    capability: 'orgs.view',
    crumbs: ['menu.admin', 'menu.orgs'],
    menu: { group: 'admin', icon: 'apartment' },
  },
  {
    path: '/users',
    page: lazyPage(() => import('@/features/users/pages/users-page').then((m) => ({ default: m.UsersPage }))),
    capability: 'users.view',
    crumbs: ['menu.admin', 'menu.users'],
    menu: { group: 'admin', icon: 'team' },
  },
  {
    path: '/catalog',
    page: lazyPage(() => import('@/features/catalog/pages/catalogue-page').then((m) => ({ default: m.CataloguePage }))),
    capability: 'orgs.view', // reference data of everyone working with organisations (not the auditor's)
    crumbs: ['menu.admin', 'menu.catalog'],
    menu: { group: 'admin', icon: 'book' },
  },
  {
    path: '/province-catalog',
    page: lazyPage(() =>
      import('@/features/catalog/pages/province-catalogue-page').then((m) => ({ default: m.ProvinceCataloguePage })),
    ),
    capability: 'catalog.manage',
    levels: ['province'],
    crumbs: ['menu.admin', 'menu.provinceCatalog'],
    menu: { group: 'admin', icon: 'orderedList' },
  },
  {
    path: '/code-tables',
    page: lazyPage(() => import('@/features/catalog/pages/code-tables-page').then((m) => ({ default: m.CodeTablesPage }))),
    capability: 'orgs.view',
    crumbs: ['menu.admin', 'menu.codeTables'],
    menu: { group: 'admin', icon: 'table' },
  },
  {
    path: '/review-flows',
    page: lazyPage(() =>
      import('@/features/reviews/pages/review-flows-page').then((m) => ({ default: m.ReviewFlowsPage })),
    ),
    capability: 'orgs.manage',
    levels: ['province'],
    crumbs: ['menu.admin', 'menu.reviewFlows'],
    menu: { group: 'admin', icon: 'nodeIndex' },
  },
  // 安全审计 (三员分立: the auditor's only screen)
  {
    path: '/audit',
    page: lazyPage(() => import('@/features/audit/pages/audit-page').then((m) => ({ default: m.AuditPage }))),
    capability: 'audit.view',
    crumbs: ['menu.audit'],
    menu: { icon: 'fileSearch' },
  },
  {
    path: '/profile',
    page: lazyPage(() => import('@/features/profile/pages/profile-page').then((m) => ({ default: m.ProfilePage }))),
    crumbs: ['menu.profile'],
  },
];

/** What a route tells the breadcrumbs (React Router's `handle`). */
export interface RouteHandle {
  crumbs: readonly MenuLabelKey[];
}

/** Whether a user with these capabilities, at this level, may open the route (and see its menu item). */
export function routePermitted(
  route: Pick<AppRoute, 'capability' | 'levels'>,
  capabilities: readonly string[],
  level?: Level,
): boolean {
  if (route.capability && !capabilities.includes(route.capability)) return false;
  return !route.levels || (level !== undefined && route.levels.includes(level));
}

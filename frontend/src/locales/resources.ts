import zhAudit from '@/locales/zh-CN/audit';
import zhAuth from '@/locales/zh-CN/auth';
import zhChanges from '@/locales/zh-CN/changes';
import zhCatalog from '@/locales/zh-CN/catalog';
import zhCommon from '@/locales/zh-CN/common';
import zhDashboard from '@/locales/zh-CN/dashboard';
import zhHeadcounts from '@/locales/zh-CN/headcounts';
import zhImportExport from '@/locales/zh-CN/import-export';
import zhOrgs from '@/locales/zh-CN/orgs';
import zhProfile from '@/locales/zh-CN/profile';
import zhQuality from '@/locales/zh-CN/quality';
import zhReports from '@/locales/zh-CN/reports';
import zhReviews from '@/locales/zh-CN/reviews';
import zhRotation from '@/locales/zh-CN/rotation';
import zhTeachers from '@/locales/zh-CN/teachers';
import zhTraining from '@/locales/zh-CN/training';
import zhUsers from '@/locales/zh-CN/users';
import zhWorkplans from '@/locales/zh-CN/workplans';

/** The Chinese texts, the reference (every other language has the same keys); part of the first download. */
export const zhCN = {
  common: zhCommon,
  auth: zhAuth,
  dashboard: zhDashboard,
  orgs: zhOrgs,
  users: zhUsers,
  profile: zhProfile,
  catalog: zhCatalog,
  teachers: zhTeachers,
  reviews: zhReviews,
  changes: zhChanges,
  importExport: zhImportExport,
  audit: zhAudit,
  reports: zhReports,
  headcounts: zhHeadcounts,
  quality: zhQuality,
  workplans: zhWorkplans,
  training: zhTraining,
  rotation: zhRotation,
} as const;

export type Namespace = keyof typeof zhCN;

/** The texts of one language: every namespace of the Chinese reference. */
export type LanguageResources = { [N in Namespace]: (typeof zhCN)[N] };

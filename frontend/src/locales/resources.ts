import enAuth from '@/locales/en/auth';
import enCatalog from '@/locales/en/catalog';
import enCommon from '@/locales/en/common';
import enDashboard from '@/locales/en/dashboard';
import enImportExport from '@/locales/en/import-export';
import enOrgs from '@/locales/en/orgs';
import enProfile from '@/locales/en/profile';
import enReviews from '@/locales/en/reviews';
import enTeachers from '@/locales/en/teachers';
import enUsers from '@/locales/en/users';
import zhAuth from '@/locales/zh-CN/auth';
import zhCatalog from '@/locales/zh-CN/catalog';
import zhCommon from '@/locales/zh-CN/common';
import zhDashboard from '@/locales/zh-CN/dashboard';
import zhImportExport from '@/locales/zh-CN/import-export';
import zhOrgs from '@/locales/zh-CN/orgs';
import zhProfile from '@/locales/zh-CN/profile';
import zhReviews from '@/locales/zh-CN/reviews';
import zhTeachers from '@/locales/zh-CN/teachers';
import zhUsers from '@/locales/zh-CN/users';

export const resources = {
  'zh-CN': {
    common: zhCommon,
    auth: zhAuth,
    dashboard: zhDashboard,
    orgs: zhOrgs,
    users: zhUsers,
    profile: zhProfile,
    catalog: zhCatalog,
    teachers: zhTeachers,
    reviews: zhReviews,
    importExport: zhImportExport,
  },
  en: {
    common: enCommon,
    auth: enAuth,
    dashboard: enDashboard,
    orgs: enOrgs,
    users: enUsers,
    profile: enProfile,
    catalog: enCatalog,
    teachers: enTeachers,
    reviews: enReviews,
    importExport: enImportExport,
  },
} as const;

export type Namespace = keyof (typeof resources)['zh-CN'];

import enAudit from '@/locales/en/audit';
import enAuth from '@/locales/en/auth';
import enCatalog from '@/locales/en/catalog';
import enChanges from '@/locales/en/changes';
import enCommon from '@/locales/en/common';
import enDashboard from '@/locales/en/dashboard';
import enHeadcounts from '@/locales/en/headcounts';
import enImportExport from '@/locales/en/import-export';
import enOrgs from '@/locales/en/orgs';
import enProfile from '@/locales/en/profile';
import enQuality from '@/locales/en/quality';
import enReports from '@/locales/en/reports';
import enReviews from '@/locales/en/reviews';
import enRotation from '@/locales/en/rotation';
import enTeachers from '@/locales/en/teachers';
import enTraining from '@/locales/en/training';
import enUsers from '@/locales/en/users';
import enWorkplans from '@/locales/en/workplans';
import type { LanguageResources } from '@/locales/resources';

/** The English texts, downloaded when the UI first switches to English (lib/i18n). */
const en: LanguageResources = {
  common: enCommon,
  auth: enAuth,
  dashboard: enDashboard,
  orgs: enOrgs,
  users: enUsers,
  profile: enProfile,
  catalog: enCatalog,
  teachers: enTeachers,
  reviews: enReviews,
  changes: enChanges,
  importExport: enImportExport,
  audit: enAudit,
  reports: enReports,
  headcounts: enHeadcounts,
  quality: enQuality,
  workplans: enWorkplans,
  training: enTraining,
  rotation: enRotation,
};

export default en;

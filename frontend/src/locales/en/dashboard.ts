import type zhDashboard from '@/locales/zh-CN/dashboard';

const dashboard: typeof zhDashboard = {
  welcome: 'Welcome, {{name}}',
  yourOrg: 'Your organisation: {{org}}',
  subtreeCounts: 'Within your area',
  countsHint: 'Units under your organisation',
};

export default dashboard;

import type zhAudit from '@/locales/zh-CN/audit';

const audit: typeof zhAudit = {
  title: 'Audit log',
  export: 'Export to Excel',
  exported: 'Exported: {{name}}',
  empty: 'No audit events match',
  details: 'Details',
  detail: 'Recorded',
  system: 'System',
  columns: {
    at: 'Time',
    user: 'User',
    action: 'Action',
    subject: 'Subject',
    address: 'Address',
    requestId: 'Request id',
    more: 'Details',
  },
  filters: {
    range: 'Time',
    user: 'Username',
    userPlaceholder: 'Exact username',
    action: 'Action',
    allActions: 'All actions',
    subject: 'Subject',
    allSubjects: 'All subjects',
    subjectId: 'Subject id',
    address: 'Address',
    requestId: 'Request id',
    search: 'Search',
    reset: 'Reset',
  },
  subjects: {
    teacher: 'Teacher',
    export: 'Export',
    import: 'Import',
    submission: 'Review item',
    catalogue: 'Catalogue',
    flow: 'Review chain',
    organisation: 'Organisation',
    user: 'Account',
    audit: 'Audit log',
  },
};

export default audit;

import type zhQuality from '@/locales/zh-CN/quality';

const quality: typeof zhQuality = {
  title: 'Data problems',
  intro:
    'The rules check newly written archives every few minutes; quality score = 100 × (1 − flagged archives / archives). Click an organisation to go down to a school’s worklist.',
  columns: {
    organisation: 'Organisation',
    score: 'Quality score',
    archives: 'Archives',
    flagged: 'Flagged archives',
    issues: 'Issues',
    teacher: 'Teacher',
    school: 'School',
    rule: 'Problem',
    message: 'Details',
    foundAt: 'Found on',
  },
  total: {
    score: 'Quality score of {{org}}',
  },
  summary: {
    empty: 'No organisations below',
  },
  worklist: {
    empty: 'No data problems',
    more: 'Load more',
    back: 'Back to the summary',
    hint: '{{rules}} rules are checked; once an archive is corrected, its problem disappears at the next check.',
  },
  filters: {
    rule: 'Every problem',
  },
};

export default quality;

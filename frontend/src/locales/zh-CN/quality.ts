const quality = {
  title: '问题数据',
  intro: '规则每隔几分钟对新写入的档案重新检查；质量得分 = 100 ×（1 − 问题档案数 / 档案数）。点击机构逐级查看，直到学校的问题清单。',
  columns: {
    organisation: '机构',
    score: '质量得分',
    archives: '档案数',
    flagged: '问题档案数',
    issues: '问题总数',
    teacher: '教师',
    school: '学校',
    rule: '问题类型',
    message: '说明',
    foundAt: '发现日期',
  },
  total: {
    score: '{{org}} 质量得分',
  },
  summary: {
    empty: '没有下级机构',
  },
  worklist: {
    empty: '没有问题数据',
    more: '加载更多',
    back: '返回汇总',
    hint: '共 {{rules}} 条检查规则；修改档案后，问题会在下次检查时消失。',
  },
  filters: {
    rule: '全部问题类型',
  },
};

export default quality;

const dashboard = {
  welcome: '欢迎，{{name}}',
  yourOrg: '所在机构：{{org}}',
  subtreeCounts: '辖区统计',
  countsHint: '本机构及下级机构的数量',
};

export default dashboard;

const profile = {
  title: '个人中心',
  username: '用户名',
  displayName: '姓名',
  roles: '角色',
  organisation: '所在机构',
  logout: '退出登录',
};

export default profile;

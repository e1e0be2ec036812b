const auth = {
  title: '用户登录',
  subtitle: '全国教师管理信息系统',
  username: '用户名',
  password: '密码',
  usernameRequired: '请输入用户名',
  passwordRequired: '请输入密码',
  submit: '登录',
  failed: '登录失败，请检查用户名和密码。',
  footer: '请妥善保管账号和密码，离开时请退出登录。',
};

export default auth;

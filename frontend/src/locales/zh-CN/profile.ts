const profile = {
  title: '个人中心',
  username: '用户名',
  displayName: '姓名',
  roles: '角色',
  organisation: '所在机构',
  logout: '退出登录',
  password: '修改密码',
  passwordChanged: '密码已修改，其他设备上的登录已失效。',
  passwordExpires: '当前密码将于 {{date}} 到期。',
  totp: '双因素认证',
  totpOn: '已启用',
  totpOff: '未启用',
  totpRequired: '您的角色要求启用双因素认证，不能停用。',
  totpEnable: '启用双因素认证',
  totpEnabled: '双因素认证已启用，下次登录时需输入验证码。',
  totpDisable: '停用双因素认证',
  totpDisabled: '双因素认证已停用。',
};

export default profile;

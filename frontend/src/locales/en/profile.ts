import type zhProfile from '@/locales/zh-CN/profile';

const profile: typeof zhProfile = {
  title: 'Profile',
  username: 'Username',
  displayName: 'Display name',
  roles: 'Roles',
  organisation: 'Organisation',
  logout: 'Log out',
  password: 'Change password',
  passwordChanged: 'Password changed; your sessions on other devices have ended.',
  passwordExpires: 'Your password expires on {{date}}.',
  totp: 'Two-factor authentication',
  totpOn: 'On',
  totpOff: 'Off',
  totpRequired: 'Your roles require two-factor authentication; it cannot be turned off.',
  totpEnable: 'Turn on two-factor authentication',
  totpEnabled: 'Two-factor authentication is on; the next login asks for a code.',
  totpDisable: 'Turn off two-factor authentication',
  totpDisabled: 'Two-factor authentication is off.',
};

export default profile;

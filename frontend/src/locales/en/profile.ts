import type zhProfile from '@/locales/zh-CN/profile';

const profile: typeof zhProfile = {
  title: 'Profile',
  username: 'Username',
  displayName: 'Display name',
  roles: 'Roles',
  organisation: 'Organisation',
  logout: 'Log out',
};

export default profile;

import type zhAuth from '@/locales/zh-CN/auth';

const auth: typeof zhAuth = {
  title: 'Sign in',
  subtitle: 'National Teacher Management Information System',
  username: 'Username',
  password: 'Password',
  usernameRequired: 'Please enter your username',
  passwordRequired: 'Please enter your password',
  submit: 'Log in',
  failed: 'Login failed. Check your username and password.',
  footer: 'Keep your account and password safe, and log out when you leave.',
};

export default auth;

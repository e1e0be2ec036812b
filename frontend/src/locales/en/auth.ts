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
  back: 'Back to the login',
  mustChange: 'An administrator set your current password. Choose your own to continue.',
  expired: 'Your password has expired. Choose a new one to continue.',
  enrolRequired: 'Your roles require two-factor authentication. Set up an authenticator app first.',
  policy: {
    title: 'Password rules',
    maxAge: 'A password is valid for {{days}} days and must then be changed.',
  },
  change: {
    old: 'Current password',
    new: 'New password',
    confirm: 'Confirm the new password',
    newRequired: 'Please enter a new password',
    confirmRequired: 'Please enter the new password again',
    mismatch: 'The two new passwords differ',
    submit: 'Change password',
  },
  totp: {
    intro: 'Two-factor authentication: besides your password, logging in asks for the 6-digit code of an authenticator app on your phone.',
    start: 'Start',
    scan: 'Scan the QR code with your authenticator app, or type in the key below (shown this once).',
    secret: 'Key:',
    code: 'Code',
    codeRequired: 'Please enter the 6-digit code',
    confirm: 'Confirm',
    prompt: 'Enter the 6-digit code your authenticator app shows.',
    verify: 'Verify',
  },
};

export default auth;

import type zhUsers from '@/locales/zh-CN/users';

const users: typeof zhUsers = {
  title: 'Users',
  filterOrg: 'Organisation',
  filterOrgPlaceholder: 'Pick an organisation or type a code',
  filterText: 'Search',
  filterTextPlaceholder: 'Username or name',
  filterRole: 'Role',
  allRoles: 'All roles',
  create: 'New user',
  createTitle: 'New user',
  editTitle: 'Edit user {{username}}',
  created: 'User created',
  saved: 'User saved',
  empty: 'No users yet. Click “New user” to create one.',
  columns: {
    username: 'Username',
    displayName: 'Display name',
    roles: 'Roles',
    organisation: 'Organisation',
    active: 'Status',
    dateJoined: 'Created',
    actions: 'Actions',
  },
  fields: {
    username: 'Username',
    displayName: 'Display name',
    password: 'Initial password',
    roles: 'Roles',
    organisation: 'Organisation',
    active: 'Active',
  },
  validation: {
    usernameRequired: 'Please enter a username',
    displayNameRequired: 'Please enter a display name',
    passwordRequired: 'Please enter an initial password',
    rolesRequired: 'Please choose at least one role',
    organisationRequired: 'Please choose an organisation',
  },
  active: 'Active',
  inactive: 'Inactive',
};

export default users;

import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  CloudUploadOutlined,
  FileSearchOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  HomeOutlined,
  IdcardOutlined,
  NodeIndexOutlined,
  NotificationOutlined,
  OrderedListOutlined,
  ReconciliationOutlined,
  ScheduleOutlined,
  SettingOutlined,
  SolutionOutlined,
  SwapOutlined,
  TeamOutlined,
  TableOutlined,
  UserAddOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

/**
 * The left menu's icons, named by the route table (`menu.icon`): kept out of the table so that the icons download
 * with the layout, not with the login page. A new menu item may add its icon here.
 */
export const MENU_ICONS = {
  apartment: <ApartmentOutlined />,
  audit: <AuditOutlined />,
  barChart: <BarChartOutlined />,
  book: <BookOutlined />,
  cloudUpload: <CloudUploadOutlined />,
  fileDone: <FileDoneOutlined />,
  fileSearch: <FileSearchOutlined />,
  fileText: <FileTextOutlined />,
  home: <HomeOutlined />,
  idcard: <IdcardOutlined />,
  nodeIndex: <NodeIndexOutlined />,
  notification: <NotificationOutlined />,
  orderedList: <OrderedListOutlined />,
  reconciliation: <ReconciliationOutlined />,
  schedule: <ScheduleOutlined />,
  setting: <SettingOutlined />,
  solution: <SolutionOutlined />,
  swap: <SwapOutlined />,
  team: <TeamOutlined />,
  table: <TableOutlined />,
  userAdd: <UserAddOutlined />,
  warning: <WarningOutlined />,
} satisfies Record<string, ReactNode>;

export type MenuIcon = keyof typeof MENU_ICONS;

import { lazy, type ComponentType } from 'react';
import { Home20Regular, MailSettings20Regular, PeopleSettings20Regular, Settings20Regular, type FluentIcon } from '@fluentui/react-icons';
import type { Dictionary } from '../i18n/dictionary';
import { HomeScreen } from './home-screen';

/**
 * The screens of the add-in: their routes and their nav entries come from this one table, filtered
 * by role. Everything but the home screen is loaded on demand (its own chunk). The compose dialog,
 * sent items and SMS screens join this table when the sending API lands.
 */
export interface Screen {
  id: 'home' | 'mySettings' | 'messageSettings' | 'admin';
  /** Route path, relative to the signed-in shell; `/*` for screens with routes of their own. */
  path: string;
  /** Where the nav link goes. */
  to: string;
  label: (t: Dictionary) => string;
  /** One sentence for the home screen. */
  description?: (t: Dictionary) => string;
  icon: FluentIcon;
  adminOnly: boolean;
  component: ComponentType;
}

const MessageSettingsScreen = lazy(() => import('../settings/settings-screens').then((m) => ({ default: m.MessageSettingsScreen })));
const MyMailSettingsScreen = lazy(() => import('../settings/settings-screens').then((m) => ({ default: m.MyMailSettingsScreen })));
const AdminScreen = lazy(() => import('../admin/admin-screen').then((m) => ({ default: m.AdminScreen })));

export const SCREENS: readonly Screen[] = [
  { id: 'home', path: '/', to: '/', label: (t) => t.nav.home, icon: Home20Regular, adminOnly: false, component: HomeScreen },
  {
    id: 'mySettings',
    path: '/my-settings',
    to: '/my-settings',
    label: (t) => t.nav.mySettings,
    description: (t) => t.home.mySettings,
    icon: MailSettings20Regular,
    adminOnly: false,
    component: MyMailSettingsScreen,
  },
  {
    id: 'messageSettings',
    path: '/message-settings',
    to: '/message-settings',
    label: (t) => t.nav.messageSettings,
    description: (t) => t.home.messageSettings,
    icon: Settings20Regular,
    adminOnly: true,
    component: MessageSettingsScreen,
  },
  {
    id: 'admin',
    path: '/admin/*',
    to: '/admin',
    label: (t) => t.nav.admin,
    description: (t) => t.home.admin,
    icon: PeopleSettings20Regular,
    adminOnly: true,
    component: AdminScreen,
  },
];

export function screensFor(role: 'ADMIN' | 'USER'): Screen[] {
  return SCREENS.filter((s) => !s.adminOnly || role === 'ADMIN');
}

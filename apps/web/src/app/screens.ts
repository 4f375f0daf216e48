import { lazy, type ComponentType } from 'react';
import {
  Chat20Regular,
  Drafts20Regular,
  Home20Regular,
  MailArrowForward20Regular,
  MailArrowUp20Regular,
  MailCheckmark20Regular,
  MailClock20Regular,
  MailError20Regular,
  MailSettings20Regular,
  PeopleSettings20Regular,
  Settings20Regular,
  type FluentIcon,
} from '@fluentui/react-icons';
import type { Dictionary } from '../i18n/dictionary';
import { HomeScreen } from './home-screen';

/**
 * The screens of the add-in: their routes and their nav entries come from this one table, filtered
 * by role. Everything but the home screen is loaded on demand (its own chunk): compose, SMS, the
 * message folders, settings and admin each load when first opened.
 */
export interface Screen {
  id: 'home' | 'compose' | 'send' | 'drafts' | 'sms' | 'sent' | 'handedOff' | 'outbox' | 'failed' | 'mySettings' | 'messageSettings' | 'signInReview' | 'admin';
  /** Route path, relative to the signed-in shell; `/*` for screens with routes of their own. */
  path: string;
  /** Where the nav link goes. */
  to: string;
  label: (t: Dictionary) => string;
  /** One sentence for the home screen. */
  description?: (t: Dictionary) => string;
  icon: FluentIcon;
  adminOnly: boolean;
  /** False for routes an ERP program opens (`/send`): reachable, but not a nav entry. */
  inNav: boolean;
  component: ComponentType;
}

const MessageSettingsScreen = lazy(() => import('../settings/settings-screens').then((m) => ({ default: m.MessageSettingsScreen })));
const SignInReviewScreen = lazy(() => import('../settings/settings-screens').then((m) => ({ default: m.SignInReviewScreen })));
const MyMailSettingsScreen = lazy(() => import('../settings/settings-screens').then((m) => ({ default: m.MyMailSettingsScreen })));
const ComposeScreen = lazy(() => import('../compose/compose-screen').then((m) => ({ default: m.ComposeScreen })));
const SendFromDocumentScreen = lazy(() => import('../compose/send-from-document-screen').then((m) => ({ default: m.SendFromDocumentScreen })));
const DraftsScreen = lazy(() => import('../drafts/drafts-screen').then((m) => ({ default: m.DraftsScreen })));
const SmsScreen = lazy(() => import('../sms/sms-screen').then((m) => ({ default: m.SmsScreen })));
const SentScreen = lazy(() => import('../messages/messages-screens').then((m) => ({ default: m.SentScreen })));
const HandedOffScreen = lazy(() => import('../messages/messages-screens').then((m) => ({ default: m.HandedOffScreen })));
const OutboxScreen = lazy(() => import('../messages/messages-screens').then((m) => ({ default: m.OutboxScreen })));
const FailedScreen = lazy(() => import('../messages/messages-screens').then((m) => ({ default: m.FailedScreen })));
const AdminScreen = lazy(() => import('../admin/admin-screen').then((m) => ({ default: m.AdminScreen })));

export const SCREENS: readonly Screen[] = [
  { id: 'home', path: '/', to: '/', label: (t) => t.nav.home, icon: Home20Regular, adminOnly: false, inNav: true, component: HomeScreen },
  {
    id: 'compose',
    path: '/compose',
    to: '/compose',
    label: (t) => t.nav.compose,
    description: (t) => t.home.compose,
    icon: MailArrowUp20Regular,
    adminOnly: false,
    inNav: true,
    component: ComposeScreen,
  },
  { id: 'send', path: '/send', to: '/send', label: (t) => t.nav.compose, icon: MailArrowUp20Regular, adminOnly: false, inNav: false, component: SendFromDocumentScreen },
  {
    id: 'drafts',
    path: '/drafts',
    to: '/drafts',
    label: (t) => t.nav.drafts,
    description: (t) => t.home.drafts,
    icon: Drafts20Regular,
    adminOnly: false,
    inNav: true,
    component: DraftsScreen,
  },
  { id: 'sms', path: '/sms', to: '/sms', label: (t) => t.nav.sms, description: (t) => t.home.sms, icon: Chat20Regular, adminOnly: false, inNav: true, component: SmsScreen },
  {
    id: 'sent',
    path: '/messages/sent',
    to: '/messages/sent',
    label: (t) => t.nav.sent,
    description: (t) => t.home.sent,
    icon: MailCheckmark20Regular,
    adminOnly: false,
    inNav: true,
    component: SentScreen,
  },
  {
    id: 'handedOff',
    path: '/messages/handed-off',
    to: '/messages/handed-off',
    label: (t) => t.nav.handedOff,
    description: (t) => t.home.handedOff,
    icon: MailArrowForward20Regular,
    adminOnly: false,
    inNav: true,
    component: HandedOffScreen,
  },
  {
    id: 'outbox',
    path: '/messages/outbox',
    to: '/messages/outbox',
    label: (t) => t.nav.outbox,
    description: (t) => t.home.outbox,
    icon: MailClock20Regular,
    adminOnly: false,
    inNav: true,
    component: OutboxScreen,
  },
  {
    id: 'failed',
    path: '/messages/failed',
    to: '/messages/failed',
    label: (t) => t.nav.failed,
    description: (t) => t.home.failed,
    icon: MailError20Regular,
    adminOnly: false,
    inNav: true,
    component: FailedScreen,
  },
  {
    id: 'mySettings',
    path: '/my-settings',
    to: '/my-settings',
    label: (t) => t.nav.mySettings,
    description: (t) => t.home.mySettings,
    icon: MailSettings20Regular,
    adminOnly: false,
    inNav: true,
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
    inNav: true,
    component: MessageSettingsScreen,
  },
  {
    // Opened from Viestiasetukset ("Salasanoista luopuminen"), not a nav entry of its own.
    id: 'signInReview',
    path: '/message-settings/sign-in',
    to: '/message-settings/sign-in',
    label: (t) => t.signIn.title,
    icon: Settings20Regular,
    adminOnly: true,
    inNav: false,
    component: SignInReviewScreen,
  },
  {
    id: 'admin',
    path: '/admin/*',
    to: '/admin',
    label: (t) => t.nav.admin,
    description: (t) => t.home.admin,
    icon: PeopleSettings20Regular,
    adminOnly: true,
    inNav: true,
    component: AdminScreen,
  },
];

export function screensFor(role: 'ADMIN' | 'USER'): Screen[] {
  return SCREENS.filter((s) => !s.adminOnly || role === 'ADMIN');
}

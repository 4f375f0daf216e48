import type { UiLanguage } from '../i18n/dictionary';

export function formatDateTime(iso: string, language: UiLanguage): string {
  return new Intl.DateTimeFormat(language === 'fi' ? 'fi-FI' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

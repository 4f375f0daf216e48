import type { UiLanguage } from '../i18n/dictionary';

// Dates follow the UI language, not the browser's: dd.mm.yyyy in Finnish, dd/mm/yyyy in English.
// Native date inputs would show the browser's format, so date fields are text in these forms.

const LOCALE: Readonly<Record<UiLanguage, string>> = { fi: 'fi-FI', en: 'en-GB' };

/** What a date field shows as its format and accepts: `pp.kk.vvvv` / `dd/mm/yyyy`, time `hh.mm` / `hh:mm`. */
export const DATE_FORMAT: Readonly<Record<UiLanguage, { date: string; time: string; dateSeparator: string; timeSeparator: string }>> = {
  fi: { date: 'pp.kk.vvvv', time: 'hh.mm', dateSeparator: '.', timeSeparator: '.' },
  en: { date: 'dd/mm/yyyy', time: 'hh:mm', dateSeparator: '/', timeSeparator: ':' },
};

/** 03.05.2026 klo 14.05 (fi), 03/05/2026, 14:05 (en), in the browser's time zone. */
export function formatDateTime(iso: string, language: UiLanguage): string {
  return new Intl.DateTimeFormat(LOCALE[language], { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A local date as typed in a date field: 03.05.2026 (fi), 03/05/2026 (en). */
export function formatDate(date: Date, language: UiLanguage): string {
  const sep = DATE_FORMAT[language].dateSeparator;
  return `${pad(date.getDate())}${sep}${pad(date.getMonth() + 1)}${sep}${date.getFullYear()}`;
}

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/**
 * A typed day, read day first in both languages: `3.5.2026`, `03.05.2026`, `3/5/2026`, `3-5-2026`.
 * Null for anything else or a day that does not exist (31.2.2026).
 */
export function parseDate(text: string): LocalDate | null {
  const match = /^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s*$/.exec(text);
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null;
  return { year, month, day };
}

/** A typed day and time (`24.12.2026 8.30`, `24/12/2026 08:30`) as a local instant; null if it is not one. */
export function parseDateTime(text: string): Date | null {
  const match = /^\s*(\S+)\s+(\d{1,2})[.:](\d{2})\s*$/.exec(text);
  if (!match) return null;
  const day = parseDate(match[1] as string);
  const [hours, minutes] = [Number(match[2]), Number(match[3])];
  if (!day || hours > 23 || minutes > 59) return null;
  return new Date(day.year, day.month - 1, day.day, hours, minutes);
}

/** The start of a local day as an ISO instant; `nextDay` gives the exclusive end of the day. */
export function startOfDayIso(day: LocalDate, nextDay = false): string {
  return new Date(day.year, day.month - 1, day.day + (nextDay ? 1 : 0)).toISOString();
}

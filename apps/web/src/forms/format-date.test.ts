import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, parseDate, parseDateTime, startOfDayIso } from './format-date';

describe('dates in the UI language', () => {
  it("shows a moment as dd.mm.yyyy in Finnish and dd/mm/yyyy in English, whatever the browser's language", () => {
    const iso = new Date(2026, 4, 3, 14, 5).toISOString();
    expect(formatDateTime(iso, 'fi')).toMatch(/^03\.05\.2026\D+14\.05$/);
    expect(formatDateTime(iso, 'en')).toMatch(/^03\/05\/2026\D+14:05$/);
    expect(formatDate(new Date(2026, 11, 24), 'fi')).toBe('24.12.2026');
    expect(formatDate(new Date(2026, 11, 24), 'en')).toBe('24/12/2026');
  });

  it('reads a typed day first, with or without leading zeros', () => {
    expect(parseDate('3.5.2026')).toEqual({ year: 2026, month: 5, day: 3 });
    expect(parseDate(' 03/05/2026 ')).toEqual({ year: 2026, month: 5, day: 3 });
    expect(parseDate('24-12-2026')).toEqual({ year: 2026, month: 12, day: 24 });
  });

  it('refuses a day that does not exist or is not written as a day', () => {
    for (const text of ['31.2.2026', '2026-05-03', '3.5.26', '', 'huomenna', '0.1.2026', '1.13.2026']) expect(parseDate(text)).toBeNull();
  });

  it('reads a day and a time as a local moment, and refuses a time that does not exist', () => {
    expect(parseDateTime('24.12.2026 8.30')?.getTime()).toBe(new Date(2026, 11, 24, 8, 30).getTime());
    expect(parseDateTime('24/12/2026 08:30')?.getTime()).toBe(new Date(2026, 11, 24, 8, 30).getTime());
    for (const text of ['24.12.2026', '24.12.2026 24.00', '24.12.2026 8.60', '8.30 24.12.2026']) expect(parseDateTime(text)).toBeNull();
  });

  it("bounds a day by its local start and the next day's start", () => {
    expect(startOfDayIso({ year: 2026, month: 12, day: 31 })).toBe(new Date(2026, 11, 31).toISOString());
    expect(startOfDayIso({ year: 2026, month: 12, day: 31 }, true)).toBe(new Date(2027, 0, 1).toISOString());
  });
});

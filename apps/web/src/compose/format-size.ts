/** A file size as people read it: 512 t, 12 kt, 3,4 Mt (fi) / 512 B, 12 KB, 3.4 MB (en). */
export function formatSize(bytes: number, language: 'fi' | 'en' = 'fi'): string {
  const units = language === 'fi' ? ['t', 'kt', 'Mt', 'Gt'] : ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(language === 'fi' ? 'fi-FI' : 'en-GB', { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

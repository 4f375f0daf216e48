/** The UI languages: Finnish first, English when the caller prefers it. */
export type UiLanguage = 'fi' | 'en';

/** Pick fi or en from an Accept-Language header, honouring q-values; Finnish when nothing matches. */
export function pickLanguage(acceptLanguage: string | undefined): UiLanguage {
  if (!acceptLanguage) return 'fi';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: (tag ?? '').split('-')[0], q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((entry) => entry.tag && !Number.isNaN(entry.q))
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) if (tag === 'fi' || tag === 'en') return tag;
  return 'fi';
}

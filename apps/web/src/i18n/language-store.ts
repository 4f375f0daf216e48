import type { UiLanguage } from './dictionary';

const STORAGE_KEY = 'maestro.language';

type Listener = () => void;
const listeners = new Set<Listener>();
let current: UiLanguage | null = null;

function stored(): UiLanguage {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'fi';
  } catch {
    return 'fi';
  }
}

/**
 * The UI language, Finnish first. Kept outside React so the Apollo link can read it for each request
 * (it becomes the Accept-Language header, and the API answers its messages in it).
 */
export const languageStore = {
  get(): UiLanguage {
    current ??= stored();
    return current;
  },
  set(language: UiLanguage): void {
    if (language === languageStore.get()) return;
    current = language;
    try {
      window.localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // Private mode without storage: the choice lasts until the page is reloaded.
    }
    document.documentElement.lang = language;
    listeners.forEach((listener) => listener());
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Tests start from Finnish. */
  reset(): void {
    current = null;
  },
};

import { useSyncExternalStore } from 'react';
import { DICTIONARIES, type Dictionary, type UiLanguage } from './dictionary';
import { languageStore } from './language-store';

export function useLanguage(): UiLanguage {
  return useSyncExternalStore(languageStore.subscribe, languageStore.get);
}

export function useT(): Dictionary {
  return DICTIONARIES[useLanguage()];
}

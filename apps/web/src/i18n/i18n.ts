import { useSyncExternalStore } from 'react';
import { MESSAGE_SOURCE_INFO, type MessageSource } from '@maestro/settings-schema';
import { DICTIONARIES, type Dictionary, type UiLanguage } from './dictionary';
import { languageStore } from './language-store';

export function useLanguage(): UiLanguage {
  return useSyncExternalStore(languageStore.subscribe, languageStore.get);
}

export function useT(): Dictionary {
  return DICTIONARIES[useLanguage()];
}

/** A program's name (the seed's "Ohjelma": Myyntitilaus, Ostotilaus, …) in the UI language. */
export function sourceLabel(source: MessageSource, language: UiLanguage): string {
  return language === 'fi' ? MESSAGE_SOURCE_INFO[source].labelFi : MESSAGE_SOURCE_INFO[source].labelEn;
}

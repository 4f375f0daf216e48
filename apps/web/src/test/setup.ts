import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import { sessionStore } from '../auth/session-store';
import { languageStore } from '../i18n/language-store';

// Fluent's tabster throws after jsdom is torn down unless each test unmounts first.
afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
  window.localStorage.clear();
  sessionStore.reset();
  languageStore.reset();
});

// jsdom has no matchMedia; Fluent's motion asks it about reduced motion.
if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

// jsdom has no ResizeObserver; Fluent's MessageBar watches its own width with one.
if (!('ResizeObserver' in window)) {
  class ResizeObserverStub {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  Object.assign(window, { ResizeObserver: ResizeObserverStub });
}

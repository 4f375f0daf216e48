import { afterEach } from 'vitest';
import { cleanup, configure } from '@testing-library/react';
import { sessionStore } from '../auth/session-store';
import { languageStore } from '../i18n/language-store';

// findBy*/waitFor wait up to 5 s instead of 1 s: on a loaded 2-core CI machine, Fluent's dialogs and
// lazy chunks can take longer than a second to appear, and a timing failure says nothing about a rule.
configure({ asyncUtilTimeout: 5000 });

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

// jsdom lays nothing out: offsetParent is always null and the body has no size, so Fluent's focus
// manager (tabster) takes every element for invisible. An opened dialog then finds nothing to focus,
// its modalizer never becomes active, and tabster hides the open dialog itself (aria-hidden) half a
// second later. Here an element is laid out unless it or an ancestor is hidden, and the body has the
// size of a window.
Object.defineProperty(HTMLElement.prototype, 'offsetParent', {
  configurable: true,
  get(this: HTMLElement) {
    const hidden = (element: HTMLElement | null): boolean => !!element && (Boolean(element.hidden) || element.style.display === 'none' || hidden(element.parentElement));
    return hidden(this) ? null : this.parentElement;
  },
});
HTMLBodyElement.prototype.getBoundingClientRect = function getBoundingClientRect() {
  return { x: 0, y: 0, top: 0, left: 0, right: 1280, bottom: 900, width: 1280, height: 900, toJSON: () => ({}) } as DOMRect;
};

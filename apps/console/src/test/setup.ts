import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => cleanup());

// jsdom has no layout engine: Mantine asks for media queries and element sizes, which never change here.
const ignore = () => undefined;
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: ignore,
    removeListener: ignore,
    addEventListener: ignore,
    removeEventListener: ignore,
    dispatchEvent: () => false,
  }),
});
class NoResizeObserver {
  observe = ignore;
  unobserve = ignore;
  disconnect = ignore;
}
window.ResizeObserver = window.ResizeObserver ?? (NoResizeObserver as unknown as typeof ResizeObserver);

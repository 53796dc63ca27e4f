import type { Viewport } from 'puppeteer-core';

/** The two screens the web edition is checked and pictured on: a current phone and a laptop. */
export const VIEWPORTS = {
  phone: { width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  desktop: { width: 1280, height: 800, deviceScaleFactor: 1, isMobile: false, hasTouch: false },
} satisfies Record<string, Viewport>;

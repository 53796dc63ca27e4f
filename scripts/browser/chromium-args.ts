/**
 * The command line of the build's Chromium: Puppeteer's defaults for automation (the build starts
 * Chromium itself, see launchBrowser), and what a build adds. `profileDir` is a new, empty folder.
 */
export function chromiumArgs({ headlessShell, profileDir }: { headlessShell: boolean; profileDir: string }): string[] {
  return [
    // Tagged PDFs and bookmarks: page.pdf() asks for them, these switch them on.
    '--export-tagged-pdf',
    '--generate-pdf-document-outline',
    // The same colours and glyphs on every machine: no colour profile, no hinting.
    '--force-color-profile=srgb',
    '--font-render-hinting=none',
    // Nothing reaches a network: no background fetches, updates, sync or QUIC.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--disable-client-side-phishing-detection',
    '--disable-component-extensions-with-background-pages',
    '--disable-default-apps',
    '--disable-extensions',
    '--metrics-recording-only',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-search-engine-choice-screen',
    '--password-store=basic',
    '--use-mock-keychain',
    // Tabs behind others render at full speed; a slow render is not a hang.
    '--disable-background-timer-throttling',
    '--disable-backgrounding-occluded-windows',
    '--disable-renderer-backgrounding',
    '--disable-ipc-flooding-protection',
    '--disable-hang-monitor',
    '--disable-popup-blocking',
    '--disable-prompt-on-repost',
    '--disable-infobars',
    '--disable-breakpad',
    '--disable-crash-reporter',
    '--allow-pre-commit-input',
    '--enable-automation',
    '--disable-features=Translate,AcceptCHFrame,MediaRouter,OptimizationHints,WebUIReloadButton,ProcessPerSiteUpToMainFrameThreshold,IsolateSandboxedIframes',
    '--enable-features=PdfOopif',
    // Containers: no sandbox (root has none), a small /dev/shm, no GPU.
    '--no-sandbox',
    '--disable-dev-shm-usage',
    '--disable-gpu',
    '--hide-scrollbars',
    '--mute-audio',
    // The headless shell knows only the old headless mode; the full browser runs the new one.
    headlessShell ? '--headless' : '--headless=new',
    `--user-data-dir=${profileDir}`,
    '--remote-debugging-pipe',
    'about:blank',
  ];
}

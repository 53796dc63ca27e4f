// Folio uses the system's Chromium (see scripts/browser.ts): no package may download a browser at install.
module.exports = { skipDownload: true };

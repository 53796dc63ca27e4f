import puppeteer from 'puppeteer-core';
const [,, path, out, mode='desktop', scheme='light', media='screen'] = process.argv;
const b = await puppeteer.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const p = await b.newPage();
await p.setViewport(mode === 'phone' ? { width: 390, height: 844, deviceScaleFactor: 1, isMobile: true, hasTouch: true } : { width: 1280, height: 900 });
await p.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
const msgs = [];
p.on('console', (m) => msgs.push(m.type() + ': ' + m.text()));
p.on('requestfailed', (r) => msgs.push('failed ' + r.url()));
await p.goto('http://127.0.0.1:8767/' + path, { waitUntil: 'networkidle0' });
await p.evaluate(() => document.fonts.ready);
if (media === 'print') { await p.emulateMediaType('print'); await p.pdf({ path: out, format: 'A4', printBackground: true }); }
else await p.screenshot({ path: out, fullPage: true });
console.log(msgs.join('\n'));
await b.close();

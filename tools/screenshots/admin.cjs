// Screenshots of the admin pages, taken as a new admin would use them: sign in, list the
// accounts, create a counselor (the password shows once), open the account, search the audit
// log, look at the lines (and a refused change), the taxonomy, and the list in English.
//
//   npm i --prefix /tmp/shots playwright-core
//   PLAYWRIGHT_CORE=/tmp/shots/node_modules/playwright-core BASE=http://127.0.0.1:5104 \
//     LOGIN=admin PASSWORD=... node tools/screenshots/admin.cjs docs/screenshots
//
// The app must run in Development with the demo district (it prints the demo accounts once).
const { chromium } = require(process.env.PLAYWRIGHT_CORE || 'playwright-core');
const path = require('path');

const base = process.env.BASE || 'http://127.0.0.1:5104';
const out = process.argv[2] || 'docs/screenshots';

(async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const shot = async (name) => page.screenshot({ path: path.join(out, `admin-${name}.png`), fullPage: true });

  await page.goto(`${base}/Account/Login?ReturnUrl=%2FAdmin`);
  await page.fill('#Input_Login', process.env.LOGIN);
  await page.fill('#Input_Password', process.env.PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  await shot('accounts');

  // A new counselor for one street: the generated password is shown this once.
  await page.goto(`${base}/Admin/Create`);
  await page.fill('#Input_Login', 'zhang.min');
  await page.fill('#Input_DisplayName', '张敏');
  await page.selectOption('#Input_Role', 'counselor');
  await page.locator('fieldset.areas input[type=checkbox]').nth(2).check();
  await shot('create');
  await Promise.all([page.waitForNavigation(), page.click('form.form button[type=submit]')]);
  await shot('created');

  await Promise.all([page.waitForNavigation(), page.click('a[href^="/Admin/Edit/"]')]);
  await shot('edit');

  // The audit log, after the counselor's and this admin's work: filter to account changes.
  await page.goto(`${base}/Admin/Audit?entityType=account`);
  await shot('audit');

  await page.goto(`${base}/Admin/Lines`);
  await shot('lines');
  await page.fill('#Input_DibaoLine', '1600');
  await page.fill('#Input_EdgeLine', '1500');
  await Promise.all([page.waitForNavigation(), page.click('form.form button[type=submit]')]);
  await shot('lines-refused');

  await page.goto(`${base}/Admin/Taxonomy?kind=Accommodation`);
  await shot('taxonomy');

  await page.goto(`${base}/Culture?culture=en&returnUrl=${encodeURIComponent('/Admin?sort=role')}`);
  await page.waitForLoadState();
  await shot('accounts-en');

  await page.goto(`${base}/no-such-page`);
  await shot('not-found-en');
  await browser.close();
})().catch((e) => { console.error(e); process.exit(1); });

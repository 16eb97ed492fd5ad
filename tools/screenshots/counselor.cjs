// Screenshots of the counselor's pages, taken the way a new counselor would use them: sign in,
// open the caseload, search the talent pool, open a person, refer with consent, record the
// interview and the hire, write in the household's ledger.
//
//   npm i --prefix /tmp/shots playwright-core
//   PLAYWRIGHT_CORE=/tmp/shots/node_modules/playwright-core BASE=http://127.0.0.1:5105 \
//     LOGIN=counselor PASSWORD=... node tools/screenshots/counselor.cjs docs/screenshots
//
// The app must run in Development with the demo district (it prints the demo accounts once).
const { chromium } = require(process.env.PLAYWRIGHT_CORE || 'playwright-core');
const path = require('path');

const base = process.env.BASE || 'http://127.0.0.1:5105';
const out = process.argv[2] || 'docs/screenshots';

(async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const shot = async (name) => page.screenshot({ path: path.join(out, `counselor-${name}.png`), fullPage: true });

  await page.goto(`${base}/Account/Login?ReturnUrl=%2FCounselor`);
  await page.fill('#Input_Login', process.env.LOGIN);
  await page.fill('#Input_Password', process.env.PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  await shot('caseload');

  await page.goto(`${base}/Counselor/Search?f.Zero=true&f.Available=true&f.Sort=income`);
  await shot('search');

  // The first able person of a zero-employment household, as the search lists them.
  const person = await page.getAttribute('table.results a[href^="/Counselor/Person/"]', 'href');
  await page.goto(base + person);
  await shot('person');

  // Refer to the best match with the person's consent.
  const first = page.locator('li.match').first();
  await first.locator('button[type=submit]').click();
  await page.waitForLoadState();
  await shot('refer-no-consent');
  await page.locator('li.match').first().locator('input[name="Refer.Consent"]').check();
  await Promise.all([page.waitForNavigation(), page.locator('li.match').first().locator('button[type=submit]').click()]);
  await Promise.all([page.waitForNavigation(), page.locator('form[action*="handler=Move"] button').first().click()]);
  await shot('referral');
  await Promise.all([page.waitForNavigation(), page.locator('form.hire button').first().click()]);
  await shot('hired');

  // The household: the four-clear ledger, one entry added.
  await page.click('a[href^="/Counselor/Household/"]');
  await page.waitForLoadState();
  await page.selectOption('#Entry_Section', 'EmploymentIntention');
  await page.fill('#Entry_Text', '本人希望在家附近做保洁或停车协管，每周不超过 40 小时。');
  await Promise.all([page.waitForNavigation(), page.click('form.entry button[type=submit]')]);
  await shot('household');

  // The same person in English.
  await page.goto(`${base}/Culture?culture=en&returnUrl=${encodeURIComponent(person)}`);
  await page.waitForLoadState();
  await shot('person-en');
  await browser.close();
})().catch((e) => { console.error(e); process.exit(1); });

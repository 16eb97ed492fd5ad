// Walks the employer side and the review queue as a new user would and screenshots each main page.
// Run against a Development host with the demo district (it prints the demo accounts once):
//   npm install puppeteer-core   (in any scratch folder; nothing is vendored for this)
//   NODE_PATH=<scratch>/node_modules BASE=http://127.0.0.1:5106 COUNSELOR_PASSWORD=... DB=<DataDir>/employment.db \
//     node tools/screenshots/employer.cjs
// The referral step writes two Sent referrals straight into the database (referring is the counselor
// pages' job, built elsewhere), so the candidates page has someone to show.
const puppeteer = require('puppeteer-core');
const { execFileSync } = require('child_process');
const path = require('path');

const base = process.env.BASE || 'http://127.0.0.1:5106';
const out = path.join(__dirname, '..', '..', 'docs', 'screenshots');
const login = 'haobangshou' + Date.now().toString(36).slice(-4);
const password = 'jinjiang home help 2026';

async function signIn(browser, user, pass) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(base + '/Account/Login');
  await page.type('#Input_Login', user);
  await page.type('#Input_Password', pass);
  await Promise.all([page.waitForNavigation(), page.click('form.form button[type=submit]')]);
  return page;
}

async function shot(page, name, full = true) {
  await page.screenshot({ path: path.join(out, name), fullPage: full });
  console.log('wrote', name);
}

(async () => {
  const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--lang=zh-CN'] });
  try {
    // 1. A company registers.
    const anon = await (await browser.createBrowserContext()).newPage();
    await anon.setViewport({ width: 1280, height: 900 });
    await anon.goto(base + '/Employer/Register');
    await anon.type('#Input_Name', '锦江好帮手家政服务有限公司');
    await anon.type('#Input_ContactName', '刘女士');
    await anon.type('#Input_ContactPhone', '028-8666 1234');
    await anon.type('#Input_Address', '锦江区东大街下东大街段 99 号');
    await anon.type('#Input_Login', login);
    await anon.type('#Input_Password', password);
    await anon.type('#Input_ConfirmPassword', password);
    await shot(anon, 'employer-register.png');
    await Promise.all([anon.waitForNavigation(), anon.click('form button[type=submit]')]);

    // 2. It can sign in, but waits.
    let employer = await signIn(browser, login, password);
    await employer.goto(base + '/Employer');
    await shot(employer, 'employer-pending.png', false);

    // 3. A counselor approves the registration.
    const counselor = await signIn(browser, 'counselor', process.env.COUNSELOR_PASSWORD);
    await counselor.goto(base + '/Counselor/Review/Employers');
    await shot(counselor, 'review-employers.png');
    const card = await counselor.$('article.candidate:last-of-type form[action*="handler=Approve"] button');
    await Promise.all([counselor.waitForNavigation(), card.click()]);

    // 4. The employer posts a position; the script suggests codes while it types.
    await employer.goto(base + '/Employer/Edit');
    await employer.type('#Input_Title', '居家养老护理员');
    await employer.type('#Input_Description', '上门看护老人，协助打扫和做饭，偶尔需要搬运重物。限女性，35岁以下。工作地点有无障碍坡道，可弹性工时。');
    await employer.waitForSelector('#suggestions li button', { timeout: 5000 });
    await shot(employer, 'employer-post-suggestions.png', false);
    for (const button of await employer.$$('#suggestions li button:not([disabled])')) {
      await button.click();
    }
    await employer.$eval('#Input_MonthlyWage', el => { el.value = '3800'; });
    await employer.$eval('#Input_Headcount', el => { el.value = '3'; });
    await employer.select('#Input_DivisionCode', '510104023');
    await employer.type('#Input_Address', '书院街街道红星路二段');
    await employer.$eval('#Input_ValidUntil', el => { el.value = '2027-03-31'; });
    await employer.$eval('#Input_MaxAge', el => { el.value = '55'; });
    await shot(employer, 'employer-post.png');
    await Promise.all([employer.waitForNavigation(), employer.click('button[formaction*="handler=Submit"]')]);
    await shot(employer, 'employer-submitted.png', false);
    const positionId = employer.url().split('/').pop();

    // 5. The counselor reads it with the wording flags and sends it back.
    await counselor.goto(base + '/Counselor/Review?sort=newest');
    await shot(counselor, 'review-queue.png', false);
    await counselor.goto(base + '/Counselor/Review/Position/' + positionId);
    await shot(counselor, 'review-position.png');
    await counselor.type('#Reason', '请删去“限女性”和“35岁以下”：招聘条件应针对工作本身，年龄限制请在年龄栏填写。');
    await Promise.all([counselor.waitForNavigation(), counselor.click('form[action*="handler=Reject"] button')]);

    // 6. The employer reads the reason, fixes the text, resubmits; the counselor approves.
    await employer.goto(base + '/Employer');
    await shot(employer, 'employer-positions.png', false);
    await employer.goto(base + '/Employer/Edit/' + positionId);
    await employer.$eval('#Input_Description', el => { el.value = '上门看护老人，协助打扫和做饭，偶尔需要搬运重物。工作地点有无障碍坡道，可弹性工时。'; });
    await Promise.all([employer.waitForNavigation(), employer.click('button[formaction*="handler=Submit"]')]);
    await counselor.goto(base + '/Counselor/Review/Position/' + positionId);
    await Promise.all([counselor.waitForNavigation(), counselor.click('form[action*="handler=Approve"] button')]);
    const live = await (await fetch(base + '/api/positions/' + positionId)).json();
    console.log('live:', live.id, live.title, live.openPlaces);

    // 7. Two referrals reach the employer; it schedules an interview.
    if (process.env.DB) {
      execFileSync('python3', [path.join(__dirname, 'employer-refer.py'), process.env.DB, positionId], { stdio: 'inherit' });
      await employer.goto(base + '/Employer/Candidates?position=' + positionId);
      const at = await employer.$('form[action*="handler=Interview"] input[type=datetime-local]');
      await at.evaluate(el => { el.value = '2026-12-08T10:00'; });
      await Promise.all([employer.waitForNavigation(), employer.click('form[action*="handler=Interview"] button')]);
      await shot(employer, 'employer-candidates.png');
    }
    await employer.goto(base + '/');
    await shot(employer, 'employer-home-live.png', false);
  } finally {
    await browser.close();
  }
})().catch(e => { console.error(e); process.exit(1); });

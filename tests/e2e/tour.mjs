// The console's main pages as a new user sees them, each with something to look at (a
// group's rules with a risk mark, a connection test's verdict, the exposure answer).
// `./dev screenshots` photographs each step for the README; the e2e suite audits each
// with axe-core in both themes and checks it fits 1024 px.

async function waitLoaded(page, test) {
  await page.waitForFunction((t) => /5 \/ 5/.test(document.querySelector(`[data-test=${t}]`)?.textContent ?? ''), test);
}

export const tour = [
  {
    name: 'overview',
    async show(page) {
      await page.click('[data-page=home]');
      await waitLoaded(page, 'overview-progress');
    },
  },
  {
    name: 'security-groups',
    async show(page) {
      await page.click('[data-page=bce-security-groups]');
      await page.click('tr[data-group=g-ssh00001] [data-test=open-group]');
      await page.waitForSelector('.rule-row.risk');
    },
  },
  {
    name: 'enterprise-security-groups',
    async show(page) {
      await page.click('[data-page=bce-enterprise-security-groups]');
      await page.click('tr[data-esg=esg-demo00000001] [data-test=esg-open]');
      await page.waitForSelector('[data-test=esg-detail] tr.rule-row');
    },
  },
  {
    name: 'instances',
    async show(page) {
      await page.click('[data-page=bce-instances]');
      await page.click('tr[data-instance=i-bastion1] [data-test=instance-open]');
      await page.waitForSelector('[data-instance-panel=i-bastion1]');
      await page.click('tr[data-instance=i-bastion1] [data-test=test-connection]');
      // Refused: the verdict, the smallest fix and the groups it can go into (#34).
      await page.fill('[data-test=ct-port]', '3306');
      await page.fill('[data-test=ct-remote]', '203.0.113.7');
      await page.click('[data-test=ct-run]');
      await page.waitForSelector('[data-test=fix-targets]');
    },
  },
  {
    name: 'cards',
    async show(page) {
      await page.click('[data-page=bce-endpoints]');
      await page.waitForSelector('tr[data-endpoint]');
    },
  },
  {
    name: 'huawei-security-groups',
    async show(page) {
      await page.click('[data-page=huawei-security-groups]');
      await page.click('[data-test=hw-group-list] tr:has-text("bastion") [data-test=open-group]');
      await page.waitForSelector('[data-test=hw-rule-list] .rule-row');
    },
  },
  {
    name: 'exposure',
    async show(page) {
      await page.click('[data-page=exposure]');
      await waitLoaded(page, 'exposure-progress');
      await page.fill('[data-test=who-accepts] [data-test=ct-port]', '22');
      await page.fill('[data-test=who-accepts] [data-test=ct-remote]', '203.0.113.7');
      await page.click('[data-test=who-accepts] [data-test=ct-run]');
      await page.waitForSelector('[data-test=accepting]');
    },
  },
  {
    // The impact view of a rule about to be added (#31): RDP from anywhere on the web
    // group, what each instance gains, core's warning, the yes it waits for.
    name: 'impact',
    async show(page) {
      await page.click('[data-page=bce-security-groups]');
      await page.click('tr[data-group=g-web00001] [data-test=open-group]');
      await page.fill('[data-test=rule-ports]', '3389');
      await page.fill('[data-test=rule-remote-ip]', '0.0.0.0/0');
      await page.fill('[data-test=rule-remark]', 'rdp');
      await page.waitForSelector('[data-test=rule-form] [data-test=impact] [data-test=impact-line]');
      await page.waitForSelector('[data-test=rule-form] [data-test=accept-risk]');
      await page.locator('[data-test=rule-form]').scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'change-plan',
    async show(page) {
      await page.click('[data-page=bce-security-groups]');
      await page.click('tr[data-group=g-web00001] [data-test=open-group]');
      await page.click('[data-test=draft-start]');
      const ports = page.locator('[data-test=draft] tr[data-draft-rule="0"] [data-test=draft-ports]');
      await ports.fill('8080');
      await ports.press('Tab');
      await page.click('[data-test=draft-add]');
      const last = page.locator('[data-test=draft] tr[data-draft-rule]').last();
      for (const [field, value] of [['ports', '22'], ['remote', '0.0.0.0/0'], ['remark', 'ssh']]) {
        await last.locator(`[data-test=draft-${field}]`).fill(value);
        await last.locator(`[data-test=draft-${field}]`).press('Tab');
      }
      await page.waitForSelector('[data-test=plan-warnings] li');
      await page.locator('[data-test=plan-review]').scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'changes',
    async show(page) {
      await page.click('[data-page=changes]');
      await page.waitForSelector('[data-test=page-changes] [data-test=journal-entry], [data-test=changes-empty]');
    },
  },
];

/** Theme (`light`/`dark`) and language (`en`/`zh`) through the top bar, as a user sets them. */
export async function setLook(page, { theme, lang }) {
  if (theme) await page.selectOption('[data-test=theme]', theme);
  if (lang) await page.selectOption('[data-test=language]', lang);
}

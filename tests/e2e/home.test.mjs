// The home screen in the real window: after signing in the office sees what
// needs doing today (a teacher's withdrawal, forms out, a leaver without a
// dossier, who decides alone this month), confirms the withdrawal and opens
// a returned form from a name; a teacher's home shows only the photo work.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { ARTIFACTS, BIN, cli, click, freshProfile, openApp, signIn, tid } from "./driver.mjs";

const OWN = "de juf haar eigen wachtwoord";

/** The command line as the teacher, with her own password. */
function asTeacher(env, password, ...args) {
  const out = execFileSync(BIN, ["--json", ...args], {
    env: { ...env, BEELDAKKOORD_USER: "juf", BEELDAKKOORD_PASSWORD: password, BEELDAKKOORD_NEW_PASSWORD: OWN },
    encoding: "utf8",
  });
  return out.trim() ? JSON.parse(out) : null;
}

const count = async (browser, id) => (await browser.$(tid(`home-${id}-count`))).getText();

test("the office sees today's work on the home screen and deals with it from there", { timeout: 180000 }, async () => {
  const { home, env } = freshProfile();
  cli(env, "init", "--org", "Basisschool De Regenboog", "--jurisdiction", "nl", "--recovery-sheet", join(home, "herstelblad.pdf"));
  for (const g of ["Groep 3", "Groep 8"]) cli(env, "group", "add", g);
  const noor = cli(env, "person", "add", "--name", "Noor Bakker", "--kind", "child", "--birth-date", "2019-04-02", "--group", "Groep 3", "--guardian", "Ilse Bakker").id;
  const daan = cli(env, "person", "add", "--name", "Daan Mol", "--kind", "child", "--birth-date", "2019-06-12", "--group", "Groep 3", "--guardian", "Eva Mol").id;
  // Turns 16 in this month, whichever month the test runs in.
  const now = new Date();
  const birthday = `${now.getFullYear() - 16}-${String(now.getMonth() + 1).padStart(2, "0")}-15`;
  const lotte = cli(env, "person", "add", "--name", "Lotte van Dijk", "--kind", "child", "--birth-date", birthday, "--group", "Groep 8", "--guardian", "Anke van Dijk").id;
  const sem = cli(env, "person", "add", "--name", "Sem de Wit", "--kind", "child", "--birth-date", "2014-01-20", "--group", "Groep 8", "--guardian", "Karel de Wit").id;
  const yesterday = new Date(Date.now() - 86400000).toISOString().slice(0, 10);
  cli(env, "person", "leave", String(sem), "--date", yesterday);
  cli(env, "consent", "record", "--person", String(noor), "--form", "1", "--answer", "group/website/information=yes", "--given-by", "Ilse Bakker", "--method", "paper", "--date", "2026-09-01");
  // Forms handed out to Groep 3.
  cli(env, "form", "print", "1", "--group", "Groep 3", "--out", join(home, "groep3.pdf"));
  // The teacher registers a withdrawal Noor's mother handed in.
  execFileSync(BIN, ["user", "add", "juf", "--role", "teacher", "--group", "Groep 3"], { env: { ...env, BEELDAKKOORD_PASSWORD: "correct horse battery", BEELDAKKOORD_NEW_PASSWORD: "wachtwoord van de beheerder" } });
  asTeacher(env, "wachtwoord van de beheerder", "user", "passwd", "juf");
  const withdrawal = asTeacher(env, OWN, "consent", "withdraw", "--person", String(noor), "--item", "group/website/information", "--given-by", "Ilse Bakker").record;

  const { browser, stop } = await openApp(env);
  try {
    await signIn(browser);
    const homeScreen = await browser.$(tid("home"));
    await homeScreen.waitForDisplayed({ timeout: 15000 });
    await (await browser.$(tid("home-withdrawal"))).waitForDisplayed({ timeout: 15000 });
    assert.equal(await (await browser.$(tid("nav-home"))).getAttribute("aria-current"), "page");
    assert.equal(await count(browser, "withdrawals"), "1");
    assert.equal(await count(browser, "forms-out"), "2");
    assert.equal(await count(browser, "leavers"), "1");
    assert.equal(await count(browser, "own-consent"), "1");
    assert.equal(await (await browser.$(tid("home-own-consent-person"))).getAttribute("data-person-id"), String(lotte));
    assert.match(await (await browser.$(tid("home-withdrawal"))).getText(), /Noor Bakker.*juf.*Ilse Bakker/s);
    await browser.saveScreenshot(join(ARTIFACTS, "home-01-office.png"));

    // Confirm the teacher's withdrawal: it leaves the list; the CLI agrees.
    await click(browser, "home-confirm");
    await browser.waitUntil(async () => (await count(browser, "withdrawals")) === "Niets", { timeout: 15000, timeoutMsg: "the withdrawal stayed" });
    const today = cli(env, "today");
    assert.deepEqual(today.withdrawals, []);
    assert.ok(withdrawal > 0);

    // A name under "forms out" opens the form to enter for that child.
    const row = await browser.$(`${tid("home-form-out")}[data-person-id="${daan}"] button`);
    await row.click();
    await (await browser.$(tid("record-save"))).waitForExist({ timeout: 15000 });
    await click(browser, "nav-home");
    await homeScreen.waitForDisplayed({ timeout: 15000 });
    await browser.saveScreenshot(join(ARTIFACTS, "home-02-confirmed.png"));

    // The teacher's home: photo work only.
    await click(browser, "logout");
    await signIn(browser, "juf", OWN);
    await (await browser.$(tid("home-unchecked"))).waitForDisplayed({ timeout: 15000 });
    for (const id of ["home-forms-out", "home-withdrawals", "home-leavers", "home-own-consent", "home-backup"]) {
      assert.equal((await browser.$$(tid(id))).length, 0, `${id} is not for a teacher`);
    }
    await browser.saveScreenshot(join(ARTIFACTS, "home-03-teacher.png"));
  } finally {
    await stop();
  }
});

// The real window, end to end, for accounts: the administrator starts adding
// a teacher, the window locks while the form is half filled in, and after
// unlocking the form is still there. The teacher signs in, chooses their own
// password, sees only their group's children and photos, cannot reach a
// child of another group even by asking the backend directly, and tags a
// photo. Then the window locks on the teacher too.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { cli, click, freshProfile, openApp, PASSWORD, screenshot, signIn, tid, type } from "./driver.mjs";

const FIRST = "eerste wachtwoord juf";
const OWN = "mijn eigen lange zin";
// Seconds without input before the window locks (an office sets minutes).
const IDLE = 8;

/** Two groups, a child in each, a photo of each and one of nobody yet. */
function prepareOffice(env, home) {
  cli(env, "init", "--org", "Basisschool De Regenboog", "--jurisdiction", "nl", "--recovery-sheet", join(home, "herstelblad.pdf"));
  cli(env, "group", "add", "Groep A");
  cli(env, "group", "add", "Groep B");
  const anna = cli(env, "person", "add", "--name", "Anna Smit", "--kind", "child", "--birth-date", "2018-03-01", "--group", "Groep A", "--guardian", "Marieke Smit").id;
  const bram = cli(env, "person", "add", "--name", "Bram de Wit", "--kind", "child", "--birth-date", "2018-06-12", "--group", "Groep B", "--guardian", "Karel de Wit").id;
  const dir = join(home, "camera");
  mkdirSync(dir, { recursive: true });
  for (const [i, seed] of [[1, "plasma:red-blue"], [2, "plasma:green-yellow"], [3, "gradient:skyblue-orange"]]) {
    execFileSync("convert", ["-size", "1200x900", seed, join(dir, `IMG_000${i}.jpg`)]);
  }
  const ids = cli(env, "photo", "import", dir).map((p) => p.id).sort((a, b) => a - b);
  cli(env, "photo", "tag", String(ids[0]), "--person", String(anna), "--box", "100,100,200,200");
  cli(env, "photo", "tag", String(ids[1]), "--person", String(bram), "--box", "100,100,200,200");
  return { anna, bram, annaPhoto: ids[0], bramPhoto: ids[1], nobodyPhoto: ids[2] };
}

async function waitForLock(browser) {
  const lock = await browser.$(tid("lock-screen"));
  // Nothing is touched meanwhile: the lock comes after IDLE seconds (checked a few times a second).
  await lock.waitForDisplayed({ timeout: (IDLE + 20) * 1000, timeoutMsg: "the window did not lock" });
}

async function unlock(browser, password) {
  await type(browser, "unlock-password", password);
  await click(browser, "unlock-submit");
  await browser.waitUntil(async () => !(await (await browser.$(tid("lock-screen"))).isExisting()), { timeout: 15000, timeoutMsg: "still locked" });
}

async function rowIds(browser, testid, attr) {
  const ids = [];
  for (const row of await browser.$$(tid(testid))) ids.push(Number(await row.getAttribute(attr)));
  return ids.sort((a, b) => a - b);
}

test("an administrator adds a teacher, who sees only their group, and the window locks without losing a half-filled form", { timeout: 300000 }, async () => {
  const { home, env } = freshProfile();
  const o = prepareOffice(env, home);
  const { browser, stop } = await openApp({ ...env, BEELDAKKOORD_IDLE_LOCK_SECONDS: String(IDLE) });
  try {
    await signIn(browser);

    // Half of the new teacher's form, then nothing for a while.
    await click(browser, "nav-users");
    await type(browser, "user-name", "juf-anouk");
    await (await browser.$(tid("user-role"))).selectByAttribute("value", "teacher");
    const groupA = await browser.$(`${tid("user-groups-pick")} input[type="checkbox"]`);
    await groupA.waitForClickable({ timeout: 15000 });
    await groupA.click();
    await waitForLock(browser);
    // Let the web view paint the overlay before the screen is photographed.
    await browser.pause(1000);
    screenshot(env, "30-locked.png");
    // Locked means signed out in the backend too: nothing can be read.
    const refused = await browser.executeAsync((done) => {
      window.__TAURI_INTERNALS__.invoke("people", { filter: { group: null, search: null, include_left: false } }).then(() => done("answered"), (e) => done(e.code));
    });
    assert.equal(refused, "auth.required");

    // The same administrator unlocks: the half-filled form is as it was.
    await unlock(browser, PASSWORD);
    assert.equal(await (await browser.$(tid("user-name"))).getValue(), "juf-anouk");
    assert.equal(await groupA.isSelected(), true, "the group stays ticked");
    await type(browser, "user-password", FIRST);
    await click(browser, "user-add");
    const added = await browser.$(`${tid("user-row")}[data-user="juf-anouk"]`);
    await added.waitForDisplayed({ timeout: 15000 });
    assert.match(await added.getText(), /Groep A/);
    await click(browser, "logout");

    // The teacher signs in and chooses their own password first.
    await type(browser, "login-username", "juf-anouk");
    await type(browser, "login-password", FIRST);
    await click(browser, "login-submit");
    await type(browser, "password-current", FIRST);
    await type(browser, "password-new", OWN);
    await type(browser, "password-repeat", OWN);
    await click(browser, "password-save");

    // Only the children of Groep A (colleagues would show as names to tag; there are none).
    await click(browser, "nav-people");
    await browser.waitUntil(async () => (await browser.$$(tid("person-row"))).length > 0, { timeout: 15000 });
    assert.deepEqual(await rowIds(browser, "person-row", "data-person-id"), [o.anna]);
    assert.equal(await (await browser.$(tid("nav-users"))).isExisting(), false, "no accounts screen for a teacher");
    await browser.pause(500);
    screenshot(env, "31-teacher-people.png");

    // Another group's child, asked for directly as a changed address would: unknown, exactly like an id nobody has.
    const ask = (id) =>
      browser.executeAsync((personId, done) => {
        window.__TAURI_INTERNALS__.invoke("person_page", { person: personId, at: null }).then((p) => done(`page of ${p.person.name}`), (e) => done(e.code));
      }, id);
    assert.equal(await ask(o.bram), "person.unknown");
    assert.equal(await ask(999999), "person.unknown");
    assert.equal(await ask(o.anna), "page of Anna Smit");

    // Anna's page: what holds, no history.
    await (await browser.$(`${tid("person-row")}[data-person-id="${o.anna}"]`)).click();
    const title = await browser.$(tid("person-title"));
    await title.waitForDisplayed({ timeout: 15000 });
    assert.match(await title.getText(), /Anna Smit/);
    assert.equal(await (await browser.$(tid("record-form-open"))).isExisting(), false, "a teacher records no consent");

    // The photos: Anna's and the one nobody is on yet, never Bram's.
    await click(browser, "nav-photos");
    await browser.waitUntil(async () => (await browser.$$(tid("photo-cell"))).length === 2, { timeout: 15000, timeoutMsg: "not two photos" });
    assert.deepEqual(await rowIds(browser, "photo-cell", "data-photo-id"), [o.annaPhoto, o.nobodyPhoto]);

    // Tag Anna on the photo nobody was on yet.
    await (await browser.$(`${tid("photo-cell")}[data-photo-id="${o.nobodyPhoto}"]`)).click();
    const image = await browser.$(tid("photo-image"));
    await image.waitForDisplayed({ timeout: 15000 });
    await click(browser, "tag-without-box");
    const search = await browser.$(tid("nobox-search"));
    await search.waitForDisplayed({ timeout: 15000 });
    await search.setValue("Anna");
    const option = await browser.$(`${tid("person-option")}[data-person-id="${o.anna}"]`);
    await option.waitForClickable({ timeout: 15000 });
    await option.click();
    await browser.waitUntil(async () => (await rowIds(browser, "tag-row", "data-person-id")).includes(o.anna), { timeout: 15000, timeoutMsg: "Anna was not tagged" });
    await browser.pause(1000);
    screenshot(env, "32-teacher-tagged.png");
    // The same store behind both faces: the office sees the tag.
    const check = cli(env, "photo", "check", String(o.nobodyPhoto), "--channel", "website", "--purpose", "information");
    assert.deepEqual(check.people.map((l) => l.person), [o.anna]);

    // And the window locks on the teacher as well; their own password opens it.
    await waitForLock(browser);
    await unlock(browser, OWN);
    await image.waitForDisplayed({ timeout: 15000 });
  } catch (e) {
    screenshot(env, "accounts-failure.png");
    throw e;
  } finally {
    await stop();
  }
});

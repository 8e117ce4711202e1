// The real window, end to end, for photos: import a folder, tag three
// children with boxes, see the verdict for the website and for social media,
// save an anonymised copy and record the publication.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cli, click, freshProfile, openApp, screenshot, signIn, tid, type } from "./driver.mjs";

function prepareOffice(env, home) {
  cli(env, "init", "--org", "Basisschool De Regenboog", "--jurisdiction", "nl", "--recovery-sheet", join(home, "herstelblad.pdf"));
  cli(env, "group", "add", "Groep 5");
  const form = cli(env, "form", "list")[0].id;
  const kids = {};
  for (const [name, guardian] of [["Daan Bakker", "Els Bakker"], ["Noor Jansen", "Tim Jansen"], ["Sem Visser", "Iris Visser"]]) {
    kids[name] = cli(env, "person", "add", "--name", name, "--kind", "child", "--birth-date", "2017-05-02", "--group", "Groep 5", "--guardian", guardian).id;
  }
  // All three may be on the website in a class photo; only Daan also on social media.
  const record = (name, guardian, answers) =>
    cli(env, "consent", "record", "--person", String(kids[name]), "--form", String(form), "--given-by", guardian, "--method", "paper",
      ...answers.flatMap((a) => ["--answer", a]));
  record("Daan Bakker", "Els Bakker", ["group/website/information=yes", "group/social/information=yes"]);
  record("Noor Jansen", "Tim Jansen", ["group/website/information=yes", "group/social/information=no"]);
  record("Sem Visser", "Iris Visser", ["group/website/information=yes"]);
  return kids;
}

/** Three camera-like photos and one damaged file in a folder. */
function cameraFolder(home) {
  const dir = join(home, "camera");
  mkdirSync(dir, { recursive: true });
  for (const [i, seed] of [[1, "plasma:red-blue"], [2, "plasma:green-yellow"], [3, "gradient:skyblue-orange"]]) {
    execFileSync("convert", ["-size", "1600x1200", seed, join(dir, `IMG_000${i}.jpg`)]);
  }
  writeFileSync(join(dir, "kapot.jpg"), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]));
  return dir;
}

/** Drag a box on the photo, in fractions of its shown size. */
async function drawBox(browser, fx, fy, fw, fh) {
  const img = await browser.$(tid("photo-image"));
  const { width, height } = await img.getSize();
  // Offsets of a W3C pointer move with an element origin count from its centre.
  const at = (f, size) => Math.round(f * size - size / 2);
  await browser
    .action("pointer", { parameters: { pointerType: "mouse" } })
    .move({ origin: img, x: at(fx, width), y: at(fy, height) })
    .down({ button: 0 })
    .move({ origin: img, x: at(fx + fw / 2, width), y: at(fy + fh / 2, height), duration: 50 })
    .move({ origin: img, x: at(fx + fw, width), y: at(fy + fh, height), duration: 50 })
    .up({ button: 0 })
    .perform();
}

async function nameBox(browser, name) {
  const search = await browser.$(tid("new-box-search"));
  await search.waitForDisplayed({ timeout: 15000 });
  await search.setValue(name);
  const option = await browser.$(`${tid("person-option")}`);
  await option.waitForClickable({ timeout: 15000 });
  await option.click();
  await browser.waitUntil(async () => !(await (await browser.$(tid("new-box"))).isExisting()), { timeout: 15000 });
}

async function verdictFor(browser, channel) {
  await (await browser.$(tid("use-channel"))).selectByAttribute("value", channel);
  await (await browser.$(tid("use-purpose"))).selectByAttribute("value", "information");
  const verdict = await browser.$(tid("verdict"));
  await browser.waitUntil(async () => (await verdict.isExisting()) && (await verdict.getAttribute("data-outcome")) !== null, { timeout: 15000 });
  return verdict;
}

test("a teacher imports, tags, checks, exports and records a publication in the real window", { timeout: 240000 }, async () => {
  const { home, env } = freshProfile();
  const kids = prepareOffice(env, home);
  const folder = cameraFolder(home);
  const exported = join(home, "export", "klasfoto-social.jpg");
  mkdirSync(join(home, "export"), { recursive: true });
  const { browser, stop } = await openApp({ ...env, BEELDAKKOORD_PICK_PHOTOS: folder, BEELDAKKOORD_SAVE_FILE: exported });
  try {
    await signIn(browser);

    // Import the folder: three photos, the damaged file named in the report.
    await click(browser, "nav-photos");
    await click(browser, "photo-pick-folder");
    const report = await browser.$(tid("import-report"));
    await report.waitForDisplayed({ timeout: 60000 });
    assert.match(await report.getText(), /kapot\.jpg/);
    await browser.waitUntil(async () => (await browser.$$(tid("photo-cell"))).length === 3, { timeout: 15000 });
    screenshot(env, "10-library.png");

    // Open a photo: a posed class photo.
    await (await browser.$$(tid("photo-cell")))[0].click();
    const image = await browser.$(tid("photo-image"));
    await image.waitForDisplayed({ timeout: 15000 });
    await browser.waitUntil(async () => browser.execute((el) => el.complete && el.naturalWidth > 0, image), { timeout: 15000, timeoutMsg: "the preview did not load" });
    // The group photo type is posed by nature (the form says so): the box is ticked and fixed.
    await (await browser.$(tid("photo-type"))).selectByAttribute("value", "group");
    await browser.waitUntil(async () => (await browser.$(tid("photo-posed"))).isSelected(), { timeout: 15000 });
    assert.equal(await (await browser.$(tid("photo-posed"))).isEnabled(), false);
    assert.match(await (await browser.$(tid("posed-by-type"))).getText(), /altijd geposeerd/);

    // Tag three children with boxes.
    await drawBox(browser, 0.1, 0.2, 0.2, 0.3);
    await nameBox(browser, "Daan");
    await drawBox(browser, 0.4, 0.2, 0.2, 0.3);
    await nameBox(browser, "Noor");
    await drawBox(browser, 0.7, 0.2, 0.2, 0.3);
    await nameBox(browser, "Sem");
    assert.equal((await browser.$$(tid("photo-box"))).length, 3);
    const tagged = [];
    for (const row of await browser.$$(tid("tag-row"))) tagged.push(await row.getAttribute("data-person-id"));
    assert.deepEqual(tagged.map(Number).sort(), Object.values(kids).sort());

    // Website: everyone consented.
    let verdict = await verdictFor(browser, "website");
    await browser.waitUntil(async () => (await verdict.getAttribute("data-outcome")) === "allowed", { timeout: 15000 });
    screenshot(env, "11-verdict-website.png");

    // Social media: Noor said no and Sem left it unticked (a no on a returned form); both have boxes, so anonymise.
    verdict = await verdictFor(browser, "social");
    await browser.waitUntil(async () => (await verdict.getAttribute("data-outcome")) === "anonymise", { timeout: 15000 });
    const statuses = {};
    for (const line of await browser.$$(tid("verdict-line"))) statuses[await line.getAttribute("data-person-id")] = await line.getAttribute("data-status");
    assert.deepEqual(statuses, { [kids["Daan Bakker"]]: "consent", [kids["Noor Jansen"]]: "denied", [kids["Sem Visser"]]: "denied" });
    await browser.waitUntil(async () => (await browser.$$(`${tid("photo-box")}.blur`)).length === 2, { timeout: 15000 });
    screenshot(env, "12-verdict-social.png");

    // Save the anonymised copy, then record where it went.
    await click(browser, "export");
    const done = await browser.$(tid("verdict-message"));
    await done.waitForDisplayed({ timeout: 30000 });
    assert.match(await done.getText(), /2 personen onherkenbaar/);
    assert.ok(existsSync(exported), "the export was written");
    const meta = execFileSync("identify", ["-format", "%w %h %[EXIF:*]", exported], { encoding: "utf8" });
    assert.match(meta, /^1600 1200\s*$/, `no EXIF in the export: ${meta}`);

    await type(browser, "publish-place", "Facebookpagina van de school");
    await click(browser, "publish");
    const row = await browser.$(tid("publication-row"));
    await row.waitForDisplayed({ timeout: 15000 });
    assert.match(await row.getText(), /Facebookpagina van de school/);
    screenshot(env, "13-published.png");

    // The CLI sees the same publication: one store behind both faces.
    const pubs = cli(env, "takedown", "list");
    assert.deepEqual(pubs, []);
  } catch (e) {
    screenshot(env, "photos-failure.png");
    throw e;
  } finally {
    await stop();
  }
});

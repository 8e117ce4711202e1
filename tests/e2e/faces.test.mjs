// The real window, end to end, for faces: import a group photo with real
// faces, see the faces found on this computer as boxes, name two, mark one
// unknown, dismiss one, see the verdict count the faces nobody reviewed, and
// save a copy in which every face nobody named is filled.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { cli, click, freshProfile, groupPhoto, openApp, screenshot, signIn, tid, type } from "./driver.mjs";

/** How many colours the middle half of a box has in an image (1: filled flat). */
function colours(file, box) {
  const [x, y, w, h] = box;
  // The middle half of the box: neighbouring faces' boxes may overlap its edges.
  const crop = `${Math.floor(w / 2)}x${Math.floor(h / 2)}+${x + Math.floor(w / 4)}+${y + Math.floor(h / 4)}`;
  return Number(execFileSync("convert", [file, "-crop", crop, "+repage", "-format", "%k", "info:"], { encoding: "utf8" }));
}

async function nameFace(browser, name) {
  const search = await browser.$(tid("face-name-search"));
  await search.waitForDisplayed({ timeout: 15000 });
  await search.setValue(name);
  const option = await browser.$(tid("person-option"));
  await option.waitForClickable({ timeout: 15000 });
  await option.click();
}

const faceState = async (browser, n) => (await browser.$(`${tid("face-review")}[data-face="${n}"]`)).isExisting();

test("a teacher reviews the faces found on a group photo and exports with every unnamed face filled", { timeout: 300000 }, async () => {
  const { home, env } = freshProfile();
  cli(env, "init", "--org", "Basisschool De Regenboog", "--jurisdiction", "nl", "--recovery-sheet", join(home, "herstelblad.pdf"));
  cli(env, "group", "add", "Groep 5");
  const form = String(cli(env, "form", "list")[0].id);
  const kids = {};
  for (const [name, guardian] of [["Daan Bakker", "Els Bakker"], ["Noor Jansen", "Tim Jansen"]]) {
    kids[name] = cli(env, "person", "add", "--name", name, "--kind", "child", "--birth-date", "2017-05-02", "--group", "Groep 5", "--guardian", guardian).id;
    cli(env, "consent", "record", "--person", String(kids[name]), "--form", form, "--given-by", guardian, "--method", "paper", "--answer", "group/website/information=yes");
  }
  const folder = join(home, "schoolreis");
  mkdirSync(folder, { recursive: true });
  copyFileSync(groupPhoto(), join(folder, "schoolreis.png"));
  const exported = join(home, "export", "schoolreis-website.png");
  mkdirSync(join(home, "export"), { recursive: true });
  const { browser, stop } = await openApp({ ...env, BEELDAKKOORD_PICK_PHOTOS: folder, BEELDAKKOORD_SAVE_FILE: exported });
  try {
    await signIn(browser);

    // Import: the photo appears at once, then the faces are found in the background.
    await click(browser, "nav-photos");
    await click(browser, "photo-pick-folder");
    await (await browser.$(tid("import-report"))).waitForDisplayed({ timeout: 60000 });
    const badge = await browser.$(tid("badge-faces"));
    await badge.waitForDisplayed({ timeout: 60000, timeoutMsg: "the grid never showed the faces found" });
    const found = Number((await badge.getText()).match(/\d+/)[0]);
    assert.ok(found >= 27, `${found} faces found`);
    screenshot(env, "30-faces-library.png");

    // Open the photo: a posed group photo, every face a box to review.
    await (await browser.$(tid("photo-cell"))).click();
    await (await browser.$(tid("photo-image"))).waitForDisplayed({ timeout: 15000 });
    // A group photo is posed by its type: the box shows it and cannot be unticked.
    await (await browser.$(tid("photo-type"))).selectByAttribute("value", "group");
    await (await browser.$(tid("posed-by-type"))).waitForDisplayed({ timeout: 15000 });
    await browser.waitUntil(async () => (await browser.$$(tid("face-box"))).length === found, { timeout: 15000 });
    assert.match(await (await browser.$(tid("faces-summary"))).getText(), new RegExp(`${found} gezichten gevonden, ${found} nog niet benoemd`));

    // Before any review: the verdict counts every face as someone unidentified.
    await (await browser.$(tid("use-channel"))).selectByAttribute("value", "website");
    await (await browser.$(tid("use-purpose"))).selectByAttribute("value", "information");
    const verdict = await browser.$(tid("verdict"));
    await verdict.waitForExist({ timeout: 15000 });
    await browser.waitUntil(async () => (await verdict.getAttribute("data-outcome")) === "blocked", { timeout: 15000, timeoutMsg: "nobody tagged yet: blocked" });
    assert.match(await (await browser.$(tid("verdict-faces"))).getText(), new RegExp(`${found} gezichten`));

    // Face 1: Daan; the panel moves on to face 2 by itself: Noor.
    await (await browser.$(`${tid("face-box")}[data-face="1"]`)).click();
    await nameFace(browser, "Daan");
    await browser.waitUntil(() => faceState(browser, 2), { timeout: 15000, timeoutMsg: "face 2 was not chosen next" });
    await nameFace(browser, "Noor");
    // Face 3: nobody can say who it is. Face 4: seen from behind.
    // (The panel ignores clicks in the half second after it moved on: a double click reviews one face.)
    await browser.waitUntil(() => faceState(browser, 3), { timeout: 15000 });
    await browser.pause(600);
    await click(browser, "face-unknown");
    await browser.waitUntil(() => faceState(browser, 4), { timeout: 15000 });
    await browser.pause(600);
    await click(browser, "face-not-recognisable");
    await browser.waitUntil(() => faceState(browser, 5), { timeout: 15000 });
    assert.match(await (await browser.$(tid("faces-summary"))).getText(), new RegExp(`nog ${found - 4} niet benoemd|${found - 4} nog niet benoemd`));

    // The verdict now: two with consent, one unknown, the rest still unidentified: anonymise.
    await browser.waitUntil(async () => (await verdict.getAttribute("data-outcome")) === "anonymise", { timeout: 15000 });
    await browser.waitUntil(async () => /\d+/.test(await (await browser.$(tid("verdict-faces"))).getText()), { timeout: 15000 });
    assert.match(await (await browser.$(tid("verdict-faces"))).getText(), new RegExp(`${found - 4} gezichten`));
    await browser.waitUntil(async () => (await browser.$$(`${tid("face-box")}.blur`)).length === found - 4, { timeout: 15000 });
    screenshot(env, "31-faces-reviewed.png");

    // The CLI sees the same faces: one store behind both faces of the app.
    const photo = cli(env, "photo", "faces", "1");
    assert.deepEqual(
      photo.slice(0, 4).map((f) => f.state),
      ["named", "named", "unknown", "dismissed"],
    );
    assert.equal(photo[0].person, kids["Daan Bakker"]);

    // Save for publication: every face nobody named (and the unknown one) is filled.
    await click(browser, "export");
    const done = await browser.$(tid("verdict-message"));
    await done.waitForDisplayed({ timeout: 30000 });
    assert.match(await done.getText(), new RegExp(`${found - 3} personen onherkenbaar`));
    assert.ok(existsSync(exported), "the export was written");
    const middle = ([x, y, w, h]) => [x + Math.floor(w / 4), y + Math.floor(h / 4), Math.floor(w / 2), Math.floor(h / 2)];
    const meets = (a, b) => a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
    for (const f of photo) {
      // A face whose middle a neighbour's box reaches into may hold two fills: not measurable this way.
      if (photo.some((o) => o.face !== f.face && meets(middle(f.box), o.box))) continue;
      const filled = f.state === "unknown" || f.state === "suggested";
      const n = colours(exported, f.box);
      assert.equal(n === 1, filled, `face ${f.face} (${f.state}): ${n} colours`);
    }
  } catch (e) {
    screenshot(env, "faces-failure.png");
    throw e;
  } finally {
    await stop();
  }
});

/** A named test photo of the `face_recognition` package, as the core's build unpacked it (the newest build). */
function namedPhoto(file) {
  const build = new URL("../../target/debug/build/", import.meta.url).pathname;
  const found = readdirSync(build)
    .filter((d) => d.startsWith("beeldakkoord-core-") && existsSync(join(build, d, "out", "face_recognition", file)))
    .map((d) => join(build, d, "out", "face_recognition", file))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  assert.ok(found.length > 0, `no ${file} in the core's build folder`);
  return found[0];
}

test("an administrator switches face suggestions on; a suggestion names a face on a click; an objection and switching off end it", { timeout: 300000 }, async () => {
  const { home, env } = freshProfile();
  cli(env, "init", "--org", "Basisschool De Regenboog", "--jurisdiction", "nl", "--recovery-sheet", join(home, "herstelblad.pdf"));
  cli(env, "group", "add", "Groep 8");
  const barack = cli(env, "person", "add", "--name", "Barack Jansen", "--kind", "child", "--birth-date", "2014-05-02", "--group", "Groep 8", "--guardian", "Michelle Jansen").id;
  const imported = (file) => {
    const copy = join(home, file);
    copyFileSync(namedPhoto(file), copy);
    return cli(env, "photo", "import", copy)[0].id;
  };
  // Imported while suggestions are off: faces found, nothing described.
  const earlier = [imported("obama.jpg"), imported("obama2.jpg")];
  const { browser, stop } = await openApp(env);
  try {
    await signIn(browser);
    await click(browser, "nav-settings");
    const state = await browser.$(tid("face-settings-state"));
    await state.waitForDisplayed({ timeout: 15000 });
    assert.equal(await state.getAttribute("data-on"), "false");
    assert.match(await (await browser.$(tid("face-settings"))).getText(), /biometrische gegevens/);
    await click(browser, "face-suggestions-confirm");
    await click(browser, "face-suggestions-on");
    await browser.waitUntil(async () => (await state.getAttribute("data-on")) === "true", { timeout: 15000 });
    screenshot(env, "32-face-settings.png");
    // The background scan describes the two photos that were there.
    await browser.waitUntil(async () => cli(env, "photo", "faces", "suggestions").waiting === 0, { timeout: 60000, timeoutMsg: "the photos were never described" });

    for (const photo of earlier) cli(env, "photo", "tag", String(photo), "--person", String(barack), "--face", "1");
    const third = imported("obama3.jpg");
    await click(browser, "nav-photos");
    const cell = await browser.$(`${tid("photo-cell")}[data-photo-id="${third}"]`);
    await cell.waitForClickable({ timeout: 30000 });
    await cell.click();
    await (await browser.$(`${tid("face-box")}[data-face="1"]`)).click();
    const offer = await browser.$(tid("face-suggestion"));
    await offer.waitForDisplayed({ timeout: 15000 });
    assert.equal(await offer.getText(), "Barack Jansen (2 eerdere foto's)");
    assert.equal(cli(env, "photo", "faces", String(third))[0].state, "suggested", "shown, not applied");
    screenshot(env, "33-face-suggestion.png");
    await offer.click();
    await (await browser.$(tid("faces-done"))).waitForDisplayed({ timeout: 15000 });
    assert.equal(cli(env, "photo", "faces", String(third))[0].person, barack);

    // His parents object: on his page, excluded; never suggested again.
    await click(browser, "nav-people");
    await (await browser.$(`${tid("person-row")}[data-person-id="${barack}"]`)).click();
    await click(browser, "face-exclude");
    await (await browser.$(tid("face-excluded"))).waitForDisplayed({ timeout: 15000 });
    const fourth = imported("obama_partial_face.jpg");
    assert.deepEqual(cli(env, "photo", "faces", String(fourth))[0].suggestions, []);

    // Switched off: every descriptor deleted; the settings say so.
    await click(browser, "nav-settings");
    await click(browser, "face-suggestions-off");
    await browser.waitUntil(async () => (await (await browser.$(tid("face-settings-state"))).getAttribute("data-on")) === "false", { timeout: 15000 });
    assert.equal(cli(env, "photo", "faces", "suggestions").suggestions, false);
  } catch (e) {
    screenshot(env, "face-suggestions-failure.png");
    throw e;
  } finally {
    await stop();
  }
});

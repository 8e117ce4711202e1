// The office's daily tasks in the real window, counted as a person does them:
// clicks, key presses and needed scrolls (a select is two), and at
// TASK_PACE=1 the seconds at a person's speed (tests/e2e/person.mjs). Each
// task checks its result through the command line, so a count is only
// reported for a task that really happened. The table goes to
// artifacts/task-times.md and task-times.json; scripts/task-times runs this
// at a person's speed and puts the table into the README. CI runs it at
// pace 0: the counts and their targets, without the waiting.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ARTIFACTS, cli, freshProfile, groupPhoto, openApp, PASSWORD, tid } from "./driver.mjs";
import { Person } from "./person.mjs";

const PACE = Number(process.env.TASK_PACE ?? "0");
const rows = [];

/** One task's line of the table; the target is checked, the report-only tasks have none. */
function report(task, start, result, target, screenshotName, browser) {
  rows.push({ task, start, ...result, target });
  return browser.saveScreenshot(join(ARTIFACTS, screenshotName));
}

const FIRST = ["Lotte", "Daan", "Noor", "Sem", "Emma", "Finn", "Julia", "Lucas", "Mila", "Liam", "Tess", "Milan", "Sara", "Levi", "Zoë", "Bram", "Eva", "Jesse", "Anna", "Thijs", "Fleur", "Ruben", "Isa", "Stijn", "Lieke", "Cas", "Roos", "Gijs", "Fenna", "Siem"];
const LAST = ["van Dijk", "Bakker", "Jansen", "de Vries", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "Kok", "Jacobs", "de Haan", "Vermeulen", "van den Berg", "van der Linden", "Schouten", "Willems"];
const PARENT = ["Anke", "Marieke", "Ilse", "Els", "Tim", "Peter", "Karin", "Joost", "Sanne", "Mark"];

test("office tasks: actions and time as a person works", { timeout: 1_800_000 }, async () => {
  const { home, env } = freshProfile();
  cli(env, "init", "--org", "Basisschool De Regenboog", "--jurisdiction", "nl", "--recovery-sheet", join(home, "herstelblad.pdf"));
  cli(env, "group", "add", "Groep 5");
  const kids = FIRST.map((first, i) => {
    const last = LAST[i];
    const name = `${first} ${last}`;
    const family = last.split(" ").pop();
    const guardians = [`${PARENT[i % PARENT.length]} ${family}`, `${PARENT[(i + 3) % PARENT.length]} ${family}`];
    const id = cli(env, "person", "add", "--name", name, "--kind", "child", "--birth-date", `2017-0${(i % 9) + 1}-1${i % 9}`, "--group", "Groep 5",
      ...guardians.flatMap((g) => ["--guardian", g])).id;
    return { id, name, guardians };
  });
  const lotte = kids[0];
  /** The person's items today, by status (the command line's own view, not the window's). */
  const items = (person) => cli(env, "consent", "show", "--person", String(person.id)).items;
  const recorded = (person) => items(person).filter((i) => i.record !== null).length;

  // Photos of Lotte: two with her on, one of them on the website.
  const camera = join(home, "camera");
  mkdirSync(camera, { recursive: true });
  for (const [i, seed] of [[1, "plasma:red-blue"], [2, "plasma:green-yellow"], [3, "gradient:skyblue-orange"]]) {
    execFileSync("convert", ["-size", "1200x900", seed, join(camera, `IMG_000${i}.jpg`)]);
  }
  const photos = cli(env, "photo", "import", camera).map((p) => p.id).sort((a, b) => a - b);
  for (const p of photos.slice(0, 2)) {
    cli(env, "photo", "set", String(p), "--type", "group", "--posed");
    cli(env, "photo", "tag", String(p), "--person", String(lotte.id));
  }

  const { browser, stop } = await openApp(env);
  const person = new Person(browser, PACE);
  try {
    // Sign in: the user name has focus on arrival and Enter sends the form.
    await person.find("login-username");
    person.start();
    assert.equal(await person.focused(), "login-username", "the user name has focus");
    await person.type("admin");
    await person.press("Tab");
    await person.type(PASSWORD);
    await person.press("Enter");
    await person.find("home");
    await report("Aanmelden (gebruikersnaam heeft focus, Enter verstuurt)", "aanmeldscherm", person.result(), null, "task-01-sign-in.png", browser);

    // 1. A returned paper form for a child found by typing part of the name:
    // "yes" to everything but social media, signed by the second guardian.
    person.start();
    await person.click("nav-people");
    assert.equal(await person.focused(), "people-search", "the search has focus on arrival");
    await person.type("lot");
    await person.press("Enter");
    await person.find("person-title");
    await person.click("record-form-open");
    await person.find("record-grid");
    await person.choose("record-given-by", lotte.guardians[1]);
    await person.click("record-all-yes");
    await person.click("record-col-toggle", '[data-channel="social"]');
    await person.click("record-save");
    await person.find("person-title");
    const one = person.result();
    const after = items(lotte);
    assert.ok(after.every((i) => i.status === (i.item.includes("/social/") ? "denied" : "granted")), JSON.stringify(after));
    await report("Teruggekomen formulier invoeren, kind gezocht op een deel van de naam", "Vandaag", one, { actions: 12, seconds: 30 }, "task-02-record-one.png", browser);

    // 2. Thirty forms for one group in a row, "save and next" without going back.
    await browser.execute(() => { window.__noReload = true; });
    person.start();
    await person.click("nav-people");
    // The last search is kept and selected: one key clears it.
    await person.press("Backspace");
    await person.choose("people-group-filter", "Groep 5");
    // A person looks at the list before clicking: the whole group is shown.
    await browser.waitUntil(async () => (await browser.$$(tid("person-row"))).length === kids.length, { timeout: 15000 });
    // The first child of the list as shown (by surname), then on through the pile.
    await person.click("person-row");
    await person.click("record-form-open");
    let forms = 0;
    for (;;) {
      await person.find("record-grid");
      await person.click("record-all-yes");
      // Every third paper says no to social media.
      if (forms % 3 === 2) await person.click("record-col-toggle", '[data-channel="social"]');
      forms++;
      if ((await browser.$$(tid("record-save-next"))).length === 0) break;
      const nextName = (await (await browser.$(tid("record-next-name"))).getText()).replace(/^[^:]*:\s*/, "").split(",")[0];
      await person.click("record-save-next");
      await browser.waitUntil(async () => (await (await browser.$("h1")).getText()).includes(nextName), { timeout: 15000 });
    }
    assert.equal(forms, kids.length, "every child of the group, one after the other");
    await person.click("record-save");
    await person.find("person-title");
    const thirty = person.result();
    assert.equal(await browser.execute(() => window.__noReload === true), true, "no reload on the way");
    for (const k of kids) assert.ok(recorded(k) >= 1, `${k.name} has a form`);
    await report("30 formulieren van één groep achter elkaar (\"opslaan en volgende\")", "Vandaag", thirty, { actions: null, seconds: 600 }, "task-03-record-thirty.png", browser);

    // 3. A parent withdraws social media, from the person page.
    await person.click("nav-people");
    await person.click("person-row", `[data-person-id="${lotte.id}"]`);
    await person.find("person-title");
    await person.click("record-form-open");
    await person.click("record-all-yes");
    await person.click("record-save");
    await person.find("person-title");
    person.start();
    await person.click("withdraw-channel", '[data-channel="social"]');
    await person.click("withdraw-confirm");
    await (await browser.$(tid("withdraw-dialog"))).waitForDisplayed({ reverse: true, timeout: 15000 });
    const withdraw = person.result();
    const now = items(lotte);
    assert.ok(now.every((i) => i.status === (i.item.includes("/social/") ? "withdrawn" : "granted")), JSON.stringify(now));
    await report("Intrekking van sociale media door een ouder", "persoonspagina", withdraw, { actions: 3, seconds: null }, "task-04-withdraw.png", browser);

    // 4. Every photo a child is on, and which are published.
    cli(env, "publication", "add", String(photos[0]), "--channel", "website", "--purpose", "information", "--where", "Website groep 5");
    await person.click("nav-people");
    await person.click("person-row", `[data-person-id="${lotte.id}"]`);
    await person.find("person-title");
    person.start();
    await person.see("person-photos");
    const listed = await browser.$$(tid("person-photo"));
    assert.equal(listed.length, 2);
    const online = await browser.$$(`${tid("person-photo")}[data-online="true"]`);
    assert.equal(online.length, 1);
    await person.click("person-photos-library");
    await (await browser.$(tid("filter-person-chosen"))).waitForDisplayed({ timeout: 15000 });
    await browser.waitUntil(async () => (await browser.$$(tid("photo-cell"))).length === 2, { timeout: 15000 });
    const find = person.result();
    await report("Alle foto's van een kind vinden en zien welke gepubliceerd zijn", "persoonspagina", find, { actions: 4, seconds: null }, "task-05-photos-of-child.png", browser);

    // Set up through the command line while the window is open, after the
    // other tasks: a class photo of twenty children of Groep 5 (the left part
    // of a group photo: twenty faces), with face suggestions on. Two earlier
    // photos of the same class were named face by face, so each face now has
    // a suggestion.
    cli(env, "photo", "faces", "suggestions", "--on");
    const klas = (quality) => {
      const file = join(camera, `klas-${quality}.jpg`);
      execFileSync("convert", [groupPhoto(), "-crop", "1140x1136+0+0", "+repage", "-quality", String(quality), file]);
      return cli(env, "photo", "import", file)[0].id;
    };
    const earlier = [klas(95), klas(90)];
    const classPhoto = klas(85);
    const faces = (photo) => cli(env, "photo", "faces", String(photo));
    const byPlace = (list) => [...list].sort((a, b) => a.box[0] - b.box[0] || a.box[1] - b.box[1]);
    const reference = byPlace(faces(earlier[0]));
    assert.equal(reference.length, 20, "twenty faces on the class photo");
    // Who is where: the children in order of their place on the photo.
    const dist = (a, b) => (a.box[0] - b.box[0]) ** 2 + (a.box[1] - b.box[1]) ** 2;
    const nearest = (face) => reference.reduce((best, r) => (dist(r, face) < dist(best, face) ? r : best));
    const onPhoto = (face) => kids[reference.indexOf(nearest(face))];
    for (const photo of earlier) {
      for (const f of faces(photo)) cli(env, "photo", "tag", String(photo), "--person", String(onPhoto(f).id), "--face", String(f.face));
    }
    const classFaces = faces(classPhoto);
    assert.equal(classFaces.length, 20);

    // 5. A teacher tags and checks the class photo: the type, then face by
    // face the suggested child (a name typed where the suggestion is not
    // the child), then the use they have in mind and the verdict.
    // The library still shows the last task's child: that filter goes first (not counted).
    await person.click("filter-person-clear");
    await person.click("nav-home");
    await person.find("home");
    person.start();
    await person.click("nav-photos");
    await person.click("photo-cell", `[data-photo-id="${classPhoto}"]`);
    await person.find("photo-image");
    await person.choose("photo-type", "group");
    await person.click("face-next");
    let typed = 0;
    for (;;) {
      const review = await person.find("face-review");
      const n = Number(await review.getAttribute("data-face"));
      const child = onPhoto(classFaces.find((f) => f.face === n));
      const offered = await browser.$$(`${tid("face-suggestion")}[data-person="${child.id}"]`);
      if (offered.length > 0) {
        await person.click("face-suggestion", `[data-person="${child.id}"]`);
      } else {
        typed++;
        await person.type(child.name.split(" ")[0].slice(0, 4));
        await person.press("Enter");
      }
      // The panel moves on to the next open face, or says all are reviewed.
      await browser.waitUntil(
        async () => (await browser.$$(tid("faces-done"))).length > 0 || Number(await (await browser.$(tid("face-review"))).getAttribute("data-face")) !== n,
        { timeout: 15000, timeoutMsg: `face ${n} was not named` },
      );
      if ((await browser.$$(tid("faces-done"))).length > 0) break;
      // The panel ignores a click in the half second after it moved on (a double click names one face).
      if (PACE === 0) await browser.pause(600);
    }
    await person.choose("use-channel", "website");
    await person.choose("use-purpose", "information");
    const verdict = await person.see("verdict");
    await browser.waitUntil(async () => (await verdict.getAttribute("data-outcome")) === "allowed", { timeout: 15000, timeoutMsg: "twenty children with consent: allowed" });
    const tagged = person.result();
    const named = faces(classPhoto);
    assert.ok(named.every((f) => f.state === "named" && f.person === onPhoto(f).id), JSON.stringify(named.map((f) => [f.face, f.state, f.person])));
    assert.equal(cli(env, "photo", "check", String(classPhoto), "--channel", "website", "--purpose", "information").verdict, "allowed");
    await report(`Klassenfoto van 20 kinderen taggen en nakijken (gezichtssuggesties; ${typed} namen getypt)`, "Vandaag", tagged, null, "task-06-class-photo.png", browser);
  } finally {
    await stop();
  }

  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, "task-times.json"), JSON.stringify({ pace: PACE, rows }, null, 2));
  writeFileSync(join(ARTIFACTS, "task-times.md"), table(rows));
  console.log(table(rows));
  for (const r of rows) {
    if (r.target?.actions != null) assert.ok(r.actions <= r.target.actions, `${r.task}: ${r.actions} actions, at most ${r.target.actions}`);
    if (PACE >= 1 && r.target?.seconds != null) assert.ok(r.seconds <= r.target.seconds, `${r.task}: ${r.seconds} s, at most ${r.target.seconds}`);
  }
});

function table(rows) {
  const lines = ["| Taak | Begint op | Acties | Seconden | Doel |", "| --- | --- | ---: | ---: | --- |"];
  for (const r of rows) {
    const target = !r.target ? "—" : [r.target.actions != null ? `≤ ${r.target.actions} acties` : null, r.target.seconds != null ? `≤ ${r.target.seconds} s` : null].filter(Boolean).join(", ");
    lines.push(`| ${r.task} | ${r.start} | ${r.actions} | ${PACE >= 1 ? r.seconds.toFixed(1) : "—"} | ${target} |`);
  }
  return `${lines.join("\n")}\n`;
}

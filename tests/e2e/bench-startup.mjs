// Cold start of the real window: from launching the binary until the login
// screen is shown, and from pressing "log in" until the people list is shown,
// with 1 000 people in the database. Not a test: prints figures.
// Run through scripts/bench-startup.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { BIN, freshProfile, openApp, tid } from "./driver.mjs";

const RUNS = Number(process.env.RUNS ?? 5);
const PASSWORD = "bench password";

const { home, env } = freshProfile();
const cli = (...args) => execFileSync(BIN, ["--json", ...args], { env: { ...env, BEELDAKKOORD_PASSWORD: PASSWORD } });
cli("init", "--org", "Bench", "--jurisdiction", "nl", "--recovery-sheet", join(home, "herstelblad.pdf"));
const rows = ["leerlingnummer;naam;geboortedatum;groep;ouder 1"];
for (let i = 0; i < 1000; i++) rows.push(`${10000 + i};Leerling ${i};2016-0${1 + (i % 9)}-1${i % 10};Groep ${1 + (i % 8)};Ouder ${i}`);
writeFileSync(join(home, "roster.csv"), rows.join("\n"));
cli("roster", "import", join(home, "roster.csv"));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const toLogin = [];
const toList = [];
for (let run = 0; run < RUNS; run++) {
  const t0 = performance.now();
  const { browser, stop } = await openApp(env);
  try {
    await (await browser.$(tid("login-username"))).waitForDisplayed({ timeout: 30000, interval: 20 });
    toLogin.push(performance.now() - t0);
    await (await browser.$(tid("login-username"))).setValue("admin");
    await (await browser.$(tid("login-password"))).setValue(PASSWORD);
    const t1 = performance.now();
    await (await browser.$(tid("login-submit"))).click();
    await (await browser.$(tid("person-row"))).waitForDisplayed({ timeout: 30000, interval: 20 });
    toList.push(performance.now() - t1);
  } finally {
    await stop();
  }
}
const fmt = (xs) => xs.map((x) => x.toFixed(0)).join(", ");
console.log(`launch -> login screen (ms): ${fmt(toLogin)}; median ${median(toLogin).toFixed(0)}`);
console.log(`log in -> people list of 1000 (ms): ${fmt(toList)}; median ${median(toList).toFixed(0)}`);
console.log(`launch -> people list, median (ms): ${(median(toLogin) + median(toList)).toFixed(0)}`);

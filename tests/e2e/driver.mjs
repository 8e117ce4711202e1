// Starts tauri-driver with a throw-away profile and opens a WebDriver
// session on the real Beeldakkoord binary.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import net from "node:net";
import { remote } from "webdriverio";

export const BIN = process.env.BEELDAKKOORD_BIN;
export const ARTIFACTS = new URL("./artifacts/", import.meta.url).pathname;

/** A port nobody listens on now: the OS picks it. */
async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function portOpen(port) {
  return new Promise((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    s.on("connect", () => { s.end(); resolve(true); });
    s.on("error", () => resolve(false));
  });
}

/** A fresh home for one run: data, config and cache never touch a real profile. */
export function freshProfile() {
  const home = mkdtempSync(join(tmpdir(), "beeldakkoord-e2e-"));
  const env = {
    ...process.env,
    NO_AT_BRIDGE: "1",
    DBUS_SESSION_BUS_ADDRESS: "disabled:",
    XDG_DATA_HOME: join(home, "data"),
    XDG_CONFIG_HOME: join(home, "config"),
    XDG_CACHE_HOME: join(home, "cache"),
    XDG_STATE_HOME: join(home, "state"),
    BEELDAKKOORD_DATA_DIR: join(home, "beeldakkoord"),
    // A debug build wraps keys with cheap argon2 parameters for tests (a release build ignores this).
    BEELDAKKOORD_TEST_QUICK_KDF: "1",
  };
  for (const d of ["data", "config", "cache"]) mkdirSync(join(home, d), { recursive: true });
  return { home, env };
}

/**
 * Start tauri-driver and open the app; returns { browser, stop }. `bin` is
 * another program to open (the benchmark's reference window); `launching`
 * is called once the driver listens, right before the program is started.
 */
export async function openApp(env, bin = BIN, launching = () => {}) {
  if (!bin) throw new Error("Set BEELDAKKOORD_BIN to the built binary (scripts/test does).");
  mkdirSync(ARTIFACTS, { recursive: true });
  // Fixed ports collide with sockets a previous session's WebKit processes
  // still hold, so both tauri-driver and its WebKitWebDriver get free ones.
  const port = await freePort();
  const nativePort = await freePort();
  // Its own process group: stopping kills the driver, WebKitWebDriver and the
  // app together, so an app the session did not close cannot outlive the test
  // (it would hold the test runner's output open and the run would never end).
  const driver = spawn("tauri-driver", ["--port", String(port), "--native-port", String(nativePort)], {
    env,
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  for (let i = 0; i < 100 && !(await portOpen(port)); i++) await sleep(100);
  launching();
  const browser = await remote({
    hostname: "127.0.0.1",
    port,
    logLevel: "error",
    capabilities: { "tauri:options": { application: bin } },
  });
  const stop = async () => {
    try { await browser.deleteSession(); } catch { /* the app may already be gone */ }
    try { process.kill(-driver.pid, "SIGTERM"); } catch { /* the group is gone already */ }
  };
  return { browser, stop };
}

export const tid = (id) => `[data-testid="${id}"]`;

export const PASSWORD = "correct horse battery";

export async function type(browser, id, value) {
  const el = await browser.$(tid(id));
  await el.waitForDisplayed({ timeout: 15000 });
  await el.setValue(value);
}

/** Click as a person would: scrolled into view first, so an element at the window's edge is hit. */
export async function click(browser, id) {
  const el = await browser.$(tid(id));
  await el.waitForClickable({ timeout: 15000 });
  await el.scrollIntoView({ block: "center" });
  await el.click();
}

/** The whole virtual screen, as a person would see it. */
export function screenshot(env, name) {
  try {
    execFileSync("import", ["-window", "root", join(ARTIFACTS, name)], { env });
  } catch (e) {
    console.error("screenshot failed:", e.message);
  }
}

/** The office's data, entered through the command line of the same binary (as the administrator). */
export function cli(env, ...args) {
  const out = execFileSync(BIN, ["--json", ...args], { env: { ...env, BEELDAKKOORD_PASSWORD: PASSWORD }, encoding: "utf8" });
  return out.trim() ? JSON.parse(out) : null;
}

/** The first-run form filled in as an office does: the organisation (Dutch rules) and the administrator. */
export async function firstRun(browser, org = "Basisschool De Regenboog") {
  await type(browser, "setup-org", org);
  await (await browser.$(tid("setup-jurisdiction"))).selectByAttribute("value", "nl");
  await type(browser, "setup-username", "admin");
  await type(browser, "setup-password", PASSWORD);
  await type(browser, "setup-password2", PASSWORD);
  await click(browser, "setup-submit");
}

/** Sign in on the sign-in screen (the administrator unless told otherwise). */
export async function signIn(browser, user = "admin", password = PASSWORD) {
  await type(browser, "login-username", user);
  await type(browser, "login-password", password);
  await click(browser, "login-submit");
}

/** Open a person's page from the people list, as the office does. */
export async function openPerson(browser, id) {
  await click(browser, "nav-people");
  const row = await browser.$(`${tid("person-row")}[data-person-id="${id}"]`);
  await row.waitForClickable({ timeout: 15000 });
  await row.click();
}

/** The platform rustc builds for here, e.g. x86_64-unknown-linux-gnu. */
function hostTriple() {
  const line = execFileSync("rustc", ["-vV"], { encoding: "utf8" }).split("\n").find((l) => l.startsWith("host: "));
  if (!line) throw new Error("rustc -vV names no host");
  return line.slice("host: ".length).trim();
}

/** The group photo the rustface crate ships (29 faces, the 1927 Solvay conference, public domain). */
export function groupPhoto() {
  const meta = JSON.parse(
    // This machine's platform only: a fresh machine has no other platform's crates to read offline.
    execFileSync("cargo", ["metadata", "--format-version", "1", "--offline", "--filter-platform", hostTriple(), "--manifest-path", new URL("../../Cargo.toml", import.meta.url).pathname], {
      encoding: "utf8",
      maxBuffer: 64 << 20,
    }),
  );
  const crate = meta.packages.find((p) => p.name === "rustface");
  return join(dirname(crate.manifest_path), "test.png");
}

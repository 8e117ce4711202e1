import { describe, expect, it } from "vitest";
import { callsTo, deferred, mockBackend } from "../../test/ipc";
import { go, router } from "../nav/router.svelte";
import { forgetLibraryView, libraryView } from "../photos/gridPages.svelte";
import { peopleView } from "../people/view";
import { photoImport } from "../photos/importRun.svelte";
import { dossierBatch } from "../print/batchRun.svelte";
import { app, signOut } from "./session.svelte";

describe("signing out", () => {
  it("stops an import under way and forgets the library's and the people list's filters before the next user logs in", async () => {
    forgetLibraryView();
    const finished = deferred<unknown>();
    const calls = mockBackend({
      import_photos: () => finished.promise,
      cancel_import: () => {
        finished.resolve({ imported: [], failed: [], cancelled: true });
        return null;
      },
      logout: () => null,
    });
    void photoImport.start(["/camera/IMG_0001.jpg", "/camera/IMG_0002.jpg"]);
    expect(photoImport.running).toBe(true);
    Object.assign(libraryView, { group: "Groep 5", unchecked: true, scrollTop: 4000 });
    Object.assign(peopleView, { search: "noor", group: "Groep 3", includeLeft: true });
    go({ name: "photos" });
    app.phase = "app";

    await signOut();

    expect(callsTo(calls, "cancel_import")).toHaveLength(1);
    expect(callsTo(calls, "logout")).toHaveLength(1);
    // The cancel reached the backend before the session ended.
    expect(calls.findIndex((c) => c.cmd === "cancel_import")).toBeLessThan(calls.findIndex((c) => c.cmd === "logout"));
    expect(photoImport.running).toBe(false);
    expect(photoImport.report).toBeNull();
    expect(libraryView).toMatchObject({ group: "", unchecked: false, scrollTop: 0 });
    // Nor does the next user find this one's search in the people list.
    expect(peopleView).toEqual({ search: "", group: "", includeLeft: false });
    expect(router.route.name).toBe("home");
    expect(app.phase).toBe("login");
  });

  it("stops a batch of exit dossiers under way before logging out, and forgets it", async () => {
    const finished = deferred<unknown>();
    const calls = mockBackend({
      dossier_batch: () => finished.promise,
      cancel_batch: () => {
        finished.resolve({ count: 0, files: [], combined: null, cancelled: true });
        return null;
      },
      logout: () => null,
    });
    void dossierBatch.start("2026-06-01", "2026-08-31");
    expect(dossierBatch.running).toBe(true);
    go({ name: "leavers" });
    app.phase = "app";

    await signOut();

    expect(callsTo(calls, "cancel_batch")).toHaveLength(1);
    expect(calls.findIndex((c) => c.cmd === "cancel_batch")).toBeLessThan(calls.findIndex((c) => c.cmd === "logout"));
    expect(dossierBatch.running).toBe(false);
    // The cancelled batch's late answer is not shown to the next user.
    await finished.promise;
    await new Promise((r) => setTimeout(r, 0));
    expect(dossierBatch.report).toBeNull();
    expect(dossierBatch.error).toBeNull();
    expect(router.route.name).toBe("home");
    expect(app.phase).toBe("login");
  });

  it("forgets a finished batch's report", async () => {
    const calls = mockBackend({ dossier_batch: () => ({ count: 1, files: ["M/a.pdf"], combined: "M/alles.pdf", cancelled: false }), logout: () => null });
    await dossierBatch.start("2026-06-01", "2026-08-31");
    expect(dossierBatch.report).not.toBeNull();
    await signOut();
    expect(dossierBatch.report).toBeNull();
    expect(callsTo(calls, "cancel_batch")).toHaveLength(0);
  });

  it("without an import, only logs out", async () => {
    const calls = mockBackend({ logout: () => null });
    await signOut();
    expect(calls.map((c) => c.cmd)).toEqual(["logout"]);
  });
});

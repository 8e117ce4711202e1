import { describe, expect, it } from "vitest";
import { callsTo, deferred, mockBackend } from "../../test/ipc";
import { go, router } from "../nav/router.svelte";
import { forgetLibraryView, libraryView } from "../photos/gridPages.svelte";
import { photoImport } from "../photos/importRun.svelte";
import { app, signOut } from "./session.svelte";

describe("signing out", () => {
  it("stops an import under way and forgets the library's filters before the next user logs in", async () => {
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
    expect(router.route.name).toBe("people");
    expect(app.phase).toBe("login");
  });

  it("without an import, only logs out", async () => {
    const calls = mockBackend({ logout: () => null });
    await signOut();
    expect(calls.map((c) => c.cmd)).toEqual(["logout"]);
  });
});

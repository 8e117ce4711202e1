import { describe, expect, it } from "vitest";
import type { DragDropEvent } from "@tauri-apps/api/webview";
import { PhysicalPosition } from "@tauri-apps/api/dpi";
import { mockIPC } from "@tauri-apps/api/mocks";
import { deferred } from "../../test/ipc";
import { onFileDrag, toFileDrag, webviewSource, type DragSource, type FileDrag } from "./dragdrop";

const at = new PhysicalPosition(10, 20);

/** A fake webview: the test fires events and sees whether it was unsubscribed. */
function fakeSource() {
  let emit: ((p: DragDropEvent) => void) | null = null;
  let unlistened = 0;
  const ready = deferred<() => void>();
  const source: DragSource = (listener) => {
    emit = listener;
    return ready.promise;
  };
  return {
    source,
    subscribed: () => ready.resolve(() => void unlistened++),
    emit: (p: DragDropEvent) => emit!(p),
    unlistened: () => unlistened,
  };
}
const flush = () => new Promise((r) => setTimeout(r, 0));

describe("toFileDrag", () => {
  it("keeps the paths of a drop and drops the positions", () => {
    expect(toFileDrag({ type: "drop", paths: ["/a.jpg", "/map"], position: at }, 2)).toEqual({ type: "drop", paths: ["/a.jpg", "/map"], at: { x: at.x / 2, y: at.y / 2 } });
    expect(toFileDrag({ type: "enter", paths: ["/a.jpg"], position: at }, 1)).toEqual({ type: "enter", at: { x: at.x, y: at.y } });
    expect(toFileDrag({ type: "leave" })).toEqual({ type: "leave" });
  });
});

describe("onFileDrag", () => {
  it("passes drags on until unsubscribed", async () => {
    const f = fakeSource();
    const seen: FileDrag[] = [];
    const stop = onFileDrag((e) => seen.push(e), f.source);
    f.subscribed();
    await flush();
    f.emit({ type: "over", position: at });
    f.emit({ type: "drop", paths: ["/foto/IMG_1.jpg"], position: at });
    stop();
    stop();
    f.emit({ type: "leave" });
    expect(seen).toEqual([{ type: "over", at: { x: 10, y: 20 } }, { type: "drop", paths: ["/foto/IMG_1.jpg"], at: { x: 10, y: 20 } }]);
    expect(f.unlistened()).toBe(1);
  });

  it("unsubscribes once subscribing finishes when the screen was left before", async () => {
    const f = fakeSource();
    const stop = onFileDrag(() => {}, f.source);
    stop();
    expect(f.unlistened()).toBe(0);
    f.subscribed();
    await flush();
    expect(f.unlistened()).toBe(1);
  });

  it("never throws when drags cannot be heard", async () => {
    expect(() => onFileDrag(() => {}, null)()).not.toThrow();
    expect(() => onFileDrag(() => {}, () => { throw new Error("no webview"); })()).not.toThrow();
    const stop = onFileDrag(() => {}, () => Promise.reject(new Error("not allowed")));
    await flush();
    expect(() => stop()).not.toThrow();
  });

  it("hears nothing outside a Tauri window, also with mocked IPC", () => {
    mockIPC(() => {
      throw new Error("no command expected");
    });
    expect(webviewSource()).toBeNull();
    expect(() => onFileDrag(() => {})()).not.toThrow();
  });
});

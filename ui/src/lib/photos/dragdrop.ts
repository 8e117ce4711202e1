// Files and folders dragged from the file manager onto the window. Tauri
// reports them on the webview with their paths (the page's own drop events
// carry none). Outside Tauri (tests, a plain browser) there is nothing to hear.

import { webviewDragEvents, type DragDropEvent } from "../api";

/** Where the pointer is, in CSS pixels of the page. */
export type DragPoint = { x: number; y: number };
export type FileDrag = { type: "enter" | "over"; at?: DragPoint } | { type: "leave" } | { type: "drop"; paths: string[]; at?: DragPoint };
type Unlisten = () => void | Promise<void>;
/** Subscribes to the window's drag events; resolves to the way to stop. */
export type DragSource = (listener: (payload: DragDropEvent) => void) => Promise<Unlisten>;

export function toFileDrag(p: DragDropEvent, scale = typeof window === "undefined" ? 1 : window.devicePixelRatio || 1): FileDrag {
  // Tauri reports physical pixels; the page thinks in CSS pixels.
  const at = (pos: { x: number; y: number } | undefined): DragPoint | undefined => (pos ? { x: pos.x / scale, y: pos.y / scale } : undefined);
  if (p.type === "drop") return { type: "drop", paths: p.paths, at: at(p.position) };
  if (p.type === "leave") return { type: "leave" };
  return { type: p.type, at: at(p.position) };
}

/** The current webview's drag events, or null when not in a Tauri window. */
export function webviewSource(): DragSource | null {
  return webviewDragEvents();
}

function quietly(unlisten: Unlisten): void {
  try {
    void Promise.resolve(unlisten()).catch(() => {});
  } catch {
    // Already gone with the window: nothing to stop.
  }
}

/**
 * Hear file drags until the returned function is called. Never throws: when
 * drags cannot be heard the screen works as before, with its buttons.
 */
export function onFileDrag(listener: (e: FileDrag) => void, source: DragSource | null = webviewSource()): () => void {
  if (!source) return () => {};
  let stopped = false;
  let unlisten: Unlisten | null = null;
  let pending: Promise<Unlisten>;
  try {
    pending = source((payload) => {
      if (!stopped) listener(toFileDrag(payload));
    });
  } catch {
    return () => {};
  }
  // Subscribing is asynchronous: a screen left before it finished still unsubscribes.
  pending.then(
    (u) => (stopped ? quietly(u) : (unlisten = u)),
    () => {},
  );
  return () => {
    if (stopped) return;
    stopped = true;
    if (unlisten) quietly(unlisten);
  };
}

// Runs around every test: unmount rendered components and forget IPC mocks,
// so no test sees another's window or backend.
import { cleanup } from "@testing-library/svelte";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach } from "vitest";

afterEach(() => {
  cleanup();
  clearMocks();
});

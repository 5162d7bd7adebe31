// A real X display (Xvfb) for the scenarios that need what headless Chromium
// doesn't have: chrome.idle reads the X server's idle time (the screen saver
// extension), which only real input resets. xdotool sends that input through
// XTEST, as a person's mouse would; Playwright's input goes straight into the
// page and doesn't count. Started once per test file, ended with the process.
import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Why an X display can't be had here, or null. */
export async function xDisplayUnavailable() {
  for (const tool of ["Xvfb", "xdotool"]) {
    try {
      await run("sh", ["-c", `command -v ${tool}`]);
    } catch {
      return `${tool} is not installed (./run deps installs it)`;
    }
  }
  return null;
}

/** Starts Xvfb on a free display; returns {display, move(), stop()}. */
export async function startXDisplay() {
  const server = spawn("Xvfb", ["-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp"], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  const display = await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.stdout.once("data", (data) => resolve(`:${String(data).trim()}`));
  });
  // The server must not keep the test file's process alive: node:test ends a
  // file when its event loop is empty, and an open Xvfb pipe never is.
  server.stdout.destroy();
  server.unref();
  const stop = () => server.kill();
  process.once("exit", stop);
  return {
    display,
    /** The agent moves the mouse: real input for the X server. */
    async move() {
      await run("xdotool", ["mousemove", "--sync", "200", "200", "mousemove", "--sync", "400", "300"], {
        env: { ...process.env, DISPLAY: display },
      });
    },
    stop,
  };
}

// A real X display (Xvfb) for the scenarios that need what headless Chromium
// doesn't have: chrome.idle reads the X server's idle time (the screen saver
// extension), which only real input resets. xdotool sends that input through
// XTEST, as a person's mouse would; Playwright's input goes straight into the
// page and doesn't count. Started once per test file, ended with the process.
import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);
const STDERR_KEPT = 4000;

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

/**
 * Starts Xvfb on a free display; returns {display, move(), check(), stop()}.
 * The display number comes on a pipe of its own (fd 3). Xvfb keeps that
 * pipe open (as fd 251 here) after writing the number, so the pipe is kept
 * open and read to the end on this side too: a write of the server's must
 * never meet a closed pipe. Its stderr is kept (the last few KB) and an
 * exit is recorded, so a display that dies says why in the test's failure.
 */
export async function startXDisplay() {
  const server = spawn("Xvfb", ["-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp"], {
    stdio: ["ignore", "ignore", "pipe", "pipe"],
  });
  let stderr = "";
  let exited = null;
  server.stderr.on("data", (chunk) => {
    stderr = (stderr + chunk).slice(-STDERR_KEPT);
  });
  server.on("exit", (code, signal) => {
    exited = { code, signal };
  });
  const display = await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.once("exit", () => reject(new Error(`Xvfb exited before it had a display: ${describe()}`)));
    server.stdio[3].once("data", (data) => resolve(`:${String(data).trim()}`));
  });
  // Neither the server nor its pipes may keep the test file's process alive:
  // node:test ends a file when its event loop is empty.
  server.stdio[3].resume();
  server.stdio[3].unref();
  server.stderr.unref();
  server.unref();
  const stop = () => server.kill();
  process.once("exit", stop);
  const env = () => ({ ...process.env, DISPLAY: display });
  function describe() {
    const end = exited ? `exited (code ${exited.code}, signal ${exited.signal})` : "running";
    return `Xvfb ${end}; its stderr: ${stderr.trim() || "(nothing)"}`;
  }
  return {
    display,
    /** The agent moves the mouse: real input for the X server. */
    async move() {
      await run("xdotool", ["mousemove", "--sync", "200", "200", "mousemove", "--sync", "400", "300"], { env: env() });
    },
    /** Throws, with the server's own words, unless the display answers. */
    async check() {
      try {
        await run("xdotool", ["getmouselocation"], { env: env() });
      } catch (error) {
        throw new Error(`the X display ${display} does not answer (${error.message.trim()}); ${describe()}`);
      }
    },
    stop,
  };
}

// Where things are, relative to the repository root.
import { fileURLToPath } from "node:url";
import { dirname, join, resolve } from "node:path";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const EXTENSION_DIR = join(REPO_ROOT, "extension");
export const HOST_BINARY = process.env.CCP_RELOGIN_BINARY ?? join(REPO_ROOT, "build/host/ccp-relogin");
export const ARTIFACTS_DIR = join(REPO_ROOT, "build/e2e-artifacts");
export const TIMING_REPORT = join(REPO_ROOT, "build/e2e-report.json");
export const CHROMIUM = process.env.CCP_RELOGIN_CHROMIUM ?? "/usr/bin/chromium";
export const DEMO_OUT_DIR = join(REPO_ROOT, "out/demo");

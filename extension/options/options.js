// The options page: host status and version, the host's configuration
// problems (welcome.problems: also policy values that don't fit), the
// effective configuration, the managed policy, the recent debug log, and the
// one setting an agent may change — the re-login mode, unless policy sets it.
import { configOf } from "../lib/flow-state.js";
import { modeIsManaged } from "../lib/config-view.js";
import { browserName, describeHostStatus } from "../lib/host-status.js";
import { problemLines } from "../lib/status-view.js";
import { PREFS_KEY } from "../lib/storage-keys.js";
import { formatTime, show, watchState } from "../ui/page-state.js";

const env = { browser: browserName(navigator.userAgentData?.brands), extensionId: chrome.runtime.id };
const $ = (id) => document.getElementById(id);
const MODE_SOURCES = {
  policy: "Set by your administrator (policy).",
  options: "Your choice.",
  host: "From the helper's configuration.",
  default: "Default.",
};

function render(state, log) {
  const host = describeHostStatus(state.host, env);
  $("host").dataset.status = state.host?.status ?? "";
  $("host-status").textContent = host.summary;
  $("host-version").textContent = state.host?.hostVersion ?? "—";
  $("browser").textContent = env.browser;
  $("extension-id").textContent = env.extensionId;
  show($("host-fix"), Boolean(host.fix));
  $("host-fix-text").textContent = host.fix?.text ?? "";
  $("fix-command").textContent = host.fix?.command ?? "";

  const problems = problemLines(state.problems ?? []);
  $("problems").replaceChildren(
    ...problems.map((line) => {
      const li = document.createElement("li");
      li.className = "problem";
      li.textContent = line;
      return li;
    }),
  );
  show($("no-problems"), problems.length === 0);

  const config = configOf(state);
  const managed = modeIsManaged(state.policy);
  $("mode-select").value = config.relogin.mode;
  $("mode-select").disabled = managed;
  $("mode-source").textContent = MODE_SOURCES[config.relogin.modeSource] ?? "";
  $("config").textContent = JSON.stringify(config, null, 2);
  $("policy").textContent = state.policy ? JSON.stringify(state.policy, null, 2) : "No policy set.";
  $("log").textContent = log
    .slice(-60)
    .map((entry) => `${formatTime(entry.at)}  ${entry.text}`)
    .join("\n");
}

$("mode-select").addEventListener("change", async (event) => {
  const { [PREFS_KEY]: prefs = {} } = await chrome.storage.local.get(PREFS_KEY);
  await chrome.storage.local.set({ [PREFS_KEY]: { ...prefs, mode: event.target.value } });
});

watchState(chrome, render);
// If the helper was missing, the fix command may just have been run: try it now.
chrome.runtime.sendMessage({ kind: "check-host" }).catch(() => {});

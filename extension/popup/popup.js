// The toolbar popup: state, profile, last event, diagnosis, host problems
// with the fix command, and "Sign in again".
import { browserName } from "../lib/host-status.js";
import { popupModel } from "../lib/status-view.js";
import { formatTime, show, watchState } from "../ui/page-state.js";

const env = { browser: browserName(navigator.userAgentData?.brands), extensionId: chrome.runtime.id };
const $ = (id) => document.getElementById(id);
let signInKey = null;

function render(state) {
  const model = popupModel(state, env);
  $("host").dataset.status = model.host.status;
  $("host-status").textContent = model.host.summary;
  show($("host-fix"), Boolean(model.host.fix));
  $("host-fix-text").textContent = model.host.fix?.text ?? "";
  $("fix-command").textContent = model.host.fix?.command ?? "";
  show($("fix-command"), Boolean(model.host.fix?.command));

  $("state").textContent = model.stateLabel;
  $("state").dataset.state = model.state;
  $("profile").textContent = model.profile || "—";
  $("last-event").textContent = model.lastEvent ? `${formatTime(model.lastEvent.at)} — ${model.lastEvent.text}` : "—";
  $("diagnosis").textContent = model.diagnosis;
  show($("diagnosis"), Boolean(model.diagnosis));
  $("cookie-pair").textContent = model.cookiePolicyEntry ?? "";
  show($("cookie-policy"), Boolean(model.cookiePolicyEntry));
  $("retry-at").textContent = model.retryAt ? `Next automatic attempt allowed at ${formatTime(model.retryAt)}.` : "";
  show($("retry-at"), Boolean(model.retryAt));

  signInKey = model.signInAgain.key;
  $("sign-in-again").disabled = !model.signInAgain.enabled;
}

$("sign-in-again").addEventListener("click", async () => {
  if (!signInKey) return;
  $("sign-in-again").disabled = true;
  await chrome.runtime.sendMessage({ kind: "sign-in-again", key: signInKey }).catch(() => {});
});

$("open-options").addEventListener("click", (event) => {
  event.preventDefault();
  chrome.runtime.openOptionsPage();
});

watchState(chrome, render);
// If the helper was missing, the fix command may just have been run: try it now.
chrome.runtime.sendMessage({ kind: "check-host" }).catch(() => {});

// Scenario 9: two ways a login fails from outside.
//  a. Entra refuses (AADSTS50105, user not assigned to the app): a clear
//     stop, the code in the popup, no second attempt.
//  b. The network is down while the login runs (Entra's and AWS's hosts
//     refuse connections for a few seconds): the product waits and, once the
//     network is back, signs in and brings the agent back.
import assert from "node:assert/strict";
import { scenarioTest } from "./harness/scenario-fixture.js";
import { productConfig, profile } from "./harness/product-config.js";
import { assertRelayState, expireNow, launches, signInsStarted, startOnCustomCcp, waitForAgentBack, waitForPopup } from "./harness/relogin-expectations.js";
import { measureRelogin, reportTimings } from "./harness/timing-report.js";
import { waitFor } from "./harness/wait.js";
import { INSTANCES } from "./emulator/default-world.js";

const NAME_ENTRA = "09a Entra error → a clear stop";
const NAME_NETWORK = "09b network down during the login → waits, then recovers";
const OUTAGE_MS = 5000;

scenarioTest(NAME_ENTRA, {
  emulator: { idp: { error: "AADSTS50105" } },
  config: productConfig({ profiles: [profile()] }),
}, async (s) => {
  await startOnCustomCcp(s);
  const since = expireNow(s.emulator);
  await waitFor(() => s.emulator.requests((r) => r.outcome === "error-AADSTS50105").length > 0, {
    timeoutMs: 30_000, what: "the login to reach Entra's error page",
  });
  await waitForPopup(s.context, /AADSTS50105/);
  assert.equal(await signInsStarted(s, since), 1, "no retry of a login Entra refuses");
  assert.equal(s.emulator.requests((r) => r.path === "/saml").length, 0);
});

scenarioTest(NAME_NETWORK, {
  config: productConfig({ profiles: [profile()] }),
  timeoutMs: 120_000,
}, async (s) => {
  const agent = await startOnCustomCcp(s);
  s.emulator.takeNetworkDown(
    ["login.microsoftonline.com", "signin.aws.amazon.com", "us-east-1.signin.aws.amazon.com", "us-east-1.console.aws.amazon.com"],
    OUTAGE_MS,
  );
  const since = expireNow(s.emulator);
  await waitFor(() => s.emulator.requests((r) => r.refused && r.time >= since).length > 0, {
    timeoutMs: 30_000, what: "the login to hit the network outage",
  });
  await waitForAgentBack(s.context, [agent], { timeoutMs: 100_000 });

  const federated = s.emulator.requests((r) => r.outcome === "signed-in");
  assert.equal(federated.length, 1, "one successful federate once the network was back");
  const all = launches(s.emulator, since);
  // A retry may start over at the launcher or just reload the failed page: both are fine, within the guard's limit.
  const attempts = await signInsStarted(s, since);
  assert.ok(attempts >= 1 && attempts <= 3, `at most the guard's 3 attempts (saw ${attempts}, ${all.length} launches)`);
  for (const launch of all) assertRelayState(launch.params.RelayState, INSTANCES.acme, "/ccp-v2");

  await reportTimings(NAME_NETWORK, measureRelogin(s.emulator, since));
});

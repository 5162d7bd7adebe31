// Scenario 8: the IAM role lacks connect:GetFederationToken. The login goes
// through Entra and AWS, but federate gives Connect no session, so "Session
// expired" shows again right after it. The product must stop after this
// first loop, say why in the popup (naming the permission), and never start
// another login.
import assert from "node:assert/strict";
import { scenarioTest } from "./harness/scenario-fixture.js";
import { productConfig, profile } from "./harness/product-config.js";
import { waitForCcpState } from "./harness/agent.js";
import { expireNow, signInsStarted, startOnCustomCcp, waitForPopup } from "./harness/relogin-expectations.js";
import { waitFor } from "./harness/wait.js";
import { INSTANCES } from "./emulator/default-world.js";

const NAME = "08 role without permission → stops after the first loop with the diagnosis in the popup";

scenarioTest(NAME, {
  emulator: { failures: { roleWithoutPermission: true } },
  config: productConfig({ profiles: [profile()] }),
}, async (s) => {
  const agent = await startOnCustomCcp(s);
  const since = expireNow(s.emulator);

  await waitFor(() => s.emulator.requests((r) => r.outcome === "role-without-permission").length > 0, {
    timeoutMs: 30_000, what: "a login that federate refuses for lack of permission",
  });
  const popup = await waitForPopup(s.context, /GetFederationToken/);
  assert.equal(await signInsStarted(s, since), 1, "exactly one login, then a stop");

  // A fresh expiry signal after the stop must not start another login.
  await agent.reload();
  await waitForCcpState(agent, "signed-out");
  await waitForPopup(s.context, /GetFederationToken/);
  assert.equal(await signInsStarted(s, since), 1, "still exactly one login after the page showed the expiry again");
  assert.match(popup, new RegExp(`agents-us|${INSTANCES.acme.id}`), "the diagnosis names the profile or its instance");
});

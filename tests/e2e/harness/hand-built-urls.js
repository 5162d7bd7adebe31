// Sign-in URLs written out by hand, independent of the product's code, for
// the tests that check the emulator and the browser on their own. The relay
// state carries an encoded destination (%2F); put into the launcher's query it
// is encoded again as a whole, so the launcher URL carries %252F (docs/facts.md, "Relay state in the Entra URL").
import { ENTRA_APPS, INSTANCES, TENANT_ID } from "../emulator/default-world.js";

const acme = INSTANCES.acme;
const agentsApp = ENTRA_APPS.agents;

/** https://us-east-1.console.aws.amazon.com/connect/federate/<id>?destination=%2Fccp-v2&new_domain=true */
export const ACME_RELAY_STATE =
  `https://${acme.region}.console.aws.amazon.com/connect/federate/${acme.id}?destination=%2Fccp-v2&new_domain=true`;

const launcher = (relayStateParam) =>
  `https://launcher.myapps.microsoft.com/api/signin/${agentsApp.appId}?tenantId=${TENANT_ID}&RelayState=${relayStateParam}`;

/** Correct: the relay state encoded once more as a whole. */
export const CORRECT_SIGN_IN_URL = launcher(
  "https%3A%2F%2Fus-east-1.console.aws.amazon.com%2Fconnect%2Ffederate%2F" +
    `${acme.id}%3Fdestination%3D%252Fccp-v2%26new_domain%3Dtrue`,
);

/** One encoding too few: the relay state pasted raw, so its & and %2F reach the launcher's own query. */
export const UNDER_ENCODED_SIGN_IN_URL = launcher(ACME_RELAY_STATE);

/** One encoding too many: the whole relay state encoded twice. */
export const OVER_ENCODED_SIGN_IN_URL = launcher(encodeURIComponent(encodeURIComponent(ACME_RELAY_STATE)));

/** One encoding too many inside: the destination encoded twice before the relay state is encoded. */
export const DESTINATION_OVER_ENCODED_SIGN_IN_URL = launcher(
  encodeURIComponent(ACME_RELAY_STATE.replace("%2Fccp-v2", "%252Fccp-v2")),
);

// The emulator of the custom CCP, Amazon Connect, Microsoft Entra ID and AWS
// sign-in: one HTTPS server on 127.0.0.1 (ephemeral port), reached by
// Chromium under the real host names through --host-resolver-rules.
//
//   const emulator = await startEmulator({ scenario: { expiry: { style: "redirect" } } });
//   emulator.hostResolverRules   // for Chromium
//   emulator.expireSessions()    // every Connect session ends now
//   emulator.requests({ host: "launcher.myapps.microsoft.com" })
//   await emulator.stop();
import { createServer } from "node:https";
import { createSecureContext } from "node:tls";
import { createCertificate } from "./certificate.js";
import { hostResolverRules } from "./emulated-hosts.js";
import { createRequestRecorder } from "./request-recorder.js";
import { DEFAULT_SCENARIO, applyScenarioPatch } from "./scenario.js";
import { createSessionStore } from "./connect-sessions.js";
import { createSamlSigner } from "./saml-response.js";
import { createNetworkFaults } from "./network-faults.js";
import { createRouter } from "./router.js";
import { SESSION_COOKIE, createConnectService, instanceForHost } from "./services/connect.js";
import { createCustomCcpService } from "./services/custom-ccp.js";
import { createEntraService } from "./services/entra.js";
import { createAwsSigninService } from "./services/aws-signin.js";
import { createFederateService } from "./services/federate.js";
import { createGlobalSignInService } from "./services/global-sign-in.js";
import { createOutsidePagesService } from "./services/outside-pages.js";
import { UPDATES_HOST, createExtensionUpdatesService } from "./services/extension-updates.js";

/** Paths that are emulator plumbing (or browser chatter), not requests a real service would act on. */
const INTERNAL_PATH = /(\/emulator\/|^\/favicon\.ico$)/;

/**
 * @param {{scenario?: object, clock?: () => number, extensionReleaseDir?: string|null}} options
 *   clock: ms, defaults to Date.now (sessions and the request log use it)
 *   extensionReleaseDir: the folder extension/tools/package.mjs wrote, served
 *   at https://updates.example.com/ccp-relogin/ (services/extension-updates.js)
 */
export async function startEmulator({ scenario: patch = {}, clock = Date.now, extensionReleaseDir = null } = {}) {
  let scenario = applyScenarioPatch(DEFAULT_SCENARIO, patch);
  const startedAt = clock();
  const elapsed = () => clock() - startedAt;

  const recorder = createRequestRecorder(elapsed);
  const faults = createNetworkFaults(clock);
  const sessions = createSessionStore(clock, () => scenario.session.lifetimeMs);
  const signer = createSamlSigner();
  const current = () => scenario;

  const route = createRouter([
    { patterns: ["agents.example.com"], service: createCustomCcpService({ scenario: current }) },
    { patterns: ["crm.example.com", "intranet.example.com", "evil.example.net"], service: createOutsidePagesService() },
    { patterns: [UPDATES_HOST], service: createExtensionUpdatesService({ releaseDir: () => extensionReleaseDir }) },
    { patterns: ["*.my.connect.aws", "*.awsapps.com"], service: createConnectService({ scenario: current, sessions }) },
    {
      patterns: ["launcher.myapps.microsoft.com", "myapps.microsoft.com", "login.microsoftonline.com"],
      service: createEntraService({
        scenario: current, setScenario: (patch) => { scenario = applyScenarioPatch(scenario, patch); }, now: clock, signer,
      }),
    },
    {
      patterns: ["signin.aws.amazon.com", "*.signin.aws.amazon.com", "signin.amazonaws-us-gov.com"],
      service: createAwsSigninService({ now: clock, signer, sessions }),
    },
    { patterns: ["*.console.aws.amazon.com", "console.amazonaws-us-gov.com"], service: createFederateService({ scenario: current, sessions }) },
    {
      patterns: ["*.us-east-1.sign-in.connect.aws", "*.eu-west-2.sign-in.connect.aws", "*.us-west-2.sign-in.connect.aws"],
      service: createGlobalSignInService({ scenario: current, now: clock, signer, sessions }),
    },
  ], { recorder, faults, internalPath: INTERNAL_PATH });

  const certificate = await createCertificate();
  const tlsContext = createSecureContext({ key: certificate.key, cert: certificate.cert });
  const server = createServer({
    key: certificate.key,
    cert: certificate.cert,
    // A host that is "down" fails the TLS handshake of new connections.
    SNICallback: (servername, callback) => {
      if (!faults.isDown(servername)) return callback(null, tlsContext);
      recorder.recordRefusedHandshake(servername);
      return callback(new Error(`${servername} is down (emulated)`));
    },
  }, route);
  server.on("tlsClientError", () => {}); // refused handshakes are the point of the network-down knob
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address();

  return {
    port,
    hostResolverRules: hostResolverRules(port),
    /** PEM of the self-signed certificate, for node clients that verify it. */
    certificate: certificate.cert,

    scenario: current,
    /** Changes knobs from now on (same shape as the start option). */
    setScenario(scenarioPatch) {
      scenario = applyScenarioPatch(scenario, scenarioPatch);
    },

    /** Ends every Connect session (of one instance if given), as a 12-hour cap or a reset would. */
    expireSessions({ instanceId = null } = {}) {
      return sessions.expire(instanceId);
    },

    /**
     * A signed-in Connect session for the agent's starting point, as a cookie
     * in Playwright's addCookies() shape.
     */
    createSession(instance) {
      const value = sessions.createConnectSession(instance.id);
      return {
        name: SESSION_COOKIE, value, domain: `${instance.alias}.${instance.domain}`, path: "/",
        secure: true, httpOnly: true, sameSite: "None",
      };
    },

    /** Is the Connect session cookie `value` live for the Connect host `host`? */
    isSessionValid(host, value) {
      const instance = instanceForHost(scenario.instances, host);
      return Boolean(instance) && sessions.isValid(value, instance.id);
    },

    /** Network down for `hosts` during `forMs` ms from now (default: until restoreNetwork()). */
    takeNetworkDown(hosts, forMs = Infinity) {
      faults.takeDown(hosts, forMs);
    },
    restoreNetwork() {
      faults.restore();
    },

    requests: (filter, options) => recorder.requests(filter, options),
    clearRequests: () => recorder.clear(),
    /** ms since start, on the same scale as the request log's `time`. */
    elapsed,

    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await certificate.dispose();
    },
  };
}

import { test } from "node:test";
import assert from "node:assert/strict";
import {
  connectLoginPage,
  connectPage,
  entraErrorInUrl,
  isConnectLogout,
  isLoginPath,
  matchProfile,
  profileConnectOrigin,
  profileLandingUrl,
  returnToOrigins,
  externalDestination,
  signInLanding,
  signInStage,
  stripQuery,
} from "../../extension/lib/url-rules.js";

test("Connect pages: new domain and legacy /connect", () => {
  assert.deepEqual(connectPage("https://acme.my.connect.aws/ccp-v2"), {
    origin: "https://acme.my.connect.aws",
    alias: "acme",
    domain: "my.connect.aws",
    legacy: false,
    path: "/ccp-v2",
    region: null,
  });
  assert.equal(connectPage("https://acme.awsapps.com/connect/ccp-v2").origin, "https://acme.awsapps.com");
  assert.equal(connectPage("https://acme.awsapps.com/connect").legacy, true);
  assert.equal(connectPage("https://ACME.my.connect.aws/x").alias, "acme");
});

test("not Connect: other awsapps apps, http, ports, odd aliases", () => {
  for (const url of [
    "https://acme.awsapps.com/start", // IAM Identity Center portal, not Connect
    "https://acme.awsapps.com/connectx/ccp",
    "http://acme.my.connect.aws/ccp-v2",
    "https://acme.my.connect.aws:8443/ccp-v2",
    "https://my.connect.aws/ccp-v2",
    "https://a.b.my.connect.aws/ccp-v2",
    "https://d-1234.my.connect.aws/ccp-v2", // "d-" aliases are directory IDs
    "https://-acme.my.connect.aws/",
    "https://user:pw@acme.my.connect.aws/",
    "not a url",
    "",
    null,
  ]) {
    assert.equal(connectPage(url), null, String(url));
  }
});

test("hostile look-alike hosts are never Connect", () => {
  for (const url of [
    "https://acme.my.connect.aws.evil.com/ccp-v2",
    "https://evilmy.connect.aws/ccp-v2",
    "https://acme.my-connect.aws/ccp-v2",
    "https://acme.my.connect.aws%2eevil.com/login",
    "https://acme.awsapps.com.evil.com/connect/login",
    "https://evil.com/acme.my.connect.aws/login",
    "https://evil.com/?u=https://acme.my.connect.aws/login",
  ]) {
    assert.equal(connectPage(url), null, url);
    assert.equal(connectLoginPage(url), null, url);
  }
});

test("login paths: exact or below, never a prefix of another word", () => {
  assert.ok(isLoginPath("/login"));
  assert.ok(isLoginPath("/login/"));
  assert.ok(isLoginPath("/connect/login"));
  assert.ok(isLoginPath("/connect/auth/refresh"));
  assert.ok(!isLoginPath("/login-help"));
  assert.ok(!isLoginPath("/ccp-v2"));
  assert.ok(!isLoginPath("/connect/loginx"));
  assert.ok(isLoginPath("/sso/start", ["/sso"]), "configured paths");
});

test("Connect login pages, including the legacy refresh and configured paths", () => {
  assert.deepEqual(connectLoginPage("https://acme.my.connect.aws/login?x=1"), {
    origin: "https://acme.my.connect.aws",
    path: "/login",
  });
  assert.equal(connectLoginPage("https://acme.awsapps.com/connect/auth/refresh?landat=%2Fconnect%2Fccp-v2").path, "/connect/auth/refresh");
  assert.equal(connectLoginPage("https://acme.awsapps.com/connect/login").path, "/connect/login");
  assert.equal(connectLoginPage("https://acme.my.connect.aws/ccp-v2"), null);
  assert.equal(connectLoginPage("https://agents.example.com/login"), null, "custom CCP's own /login");
  assert.equal(connectLoginPage("https://acme.my.connect.aws/sso", ["/sso"]).path, "/sso");
});

test("logout pages", () => {
  assert.ok(isConnectLogout("https://acme.my.connect.aws/logout"));
  assert.ok(isConnectLogout("https://acme.awsapps.com/connect/logout"));
  assert.ok(!isConnectLogout("https://acme.my.connect.aws/login"));
});

test("sign-in stages by host", () => {
  assert.equal(signInStage("https://login.microsoftonline.com/tid/saml2"), "entra");
  assert.equal(signInStage("https://launcher.myapps.microsoft.com/api/signin/x"), "entra");
  assert.equal(signInStage("https://us-east-1.signin.aws.amazon.com/saml"), "aws-signin");
  assert.equal(signInStage("https://signin.aws.amazon.com/saml"), "aws-signin");
  assert.equal(signInStage("https://us-east-1.console.aws.amazon.com/connect/federate/x"), "federate");
  assert.equal(signInStage("https://acme.my.connect.aws/ccp-v2"), "connect");
  assert.equal(signInStage("https://login.microsoftonline.com.evil.com/"), "other");
  assert.equal(signInStage("https://evil.com/"), "other");
});

// docs/facts.md, "Global Resiliency": the Entra app posts to the instance
// group's own SAML endpoint; that page is on the way, no expiry, no landing.
test("Global Resiliency: the sign-in.connect.aws endpoint is a sign-in stage, not Connect", () => {
  const endpoint = "https://178c75e4-b3de-4839-a6aa-e321ab3f3770.us-east-1.sign-in.connect.aws/saml?instanceId=x";
  assert.equal(signInStage(endpoint), "aws-signin");
  assert.equal(connectPage(endpoint), null);
  assert.equal(connectLoginPage(endpoint), null);
  assert.equal(signInLanding(endpoint, { connectOrigin: "https://acme.my.connect.aws" }), null);
  assert.equal(signInStage("https://sign-in.connect.aws.evil.com/saml"), "other");
  assert.equal(signInStage("https://evilsign-in.connect.aws/saml"), "other");
});

test("Global Resiliency: regional aliases are pages of their instance", () => {
  const page = connectPage("https://us-west-2.acme.my.connect.aws/ccp-v2");
  assert.deepEqual(page, {
    origin: "https://us-west-2.acme.my.connect.aws",
    alias: "acme",
    domain: "my.connect.aws",
    legacy: false,
    path: "/ccp-v2",
    region: "us-west-2",
  });
  assert.equal(connectLoginPage("https://us-east-1.acme.my.connect.aws/login").path, "/login");
  for (const url of [
    "https://www.acme.my.connect.aws/ccp-v2", // not a region
    "https://us-west-2.acme.awsapps.com/connect/ccp-v2", // only the new domain has them
    "https://a.us-west-2.acme.my.connect.aws/ccp-v2",
  ]) {
    assert.equal(connectPage(url), null, url);
  }
});

test("sign-in landing: the flow's instance, also on a regional alias, never another one", () => {
  const flow = { connectOrigin: "https://acme.my.connect.aws" };
  assert.deepEqual(signInLanding("https://acme.my.connect.aws/ccp-v2", flow), {
    probeOrigin: "https://acme.my.connect.aws",
    path: "/ccp-v2",
    connect: true,
  });
  assert.deepEqual(signInLanding("https://us-west-2.acme.my.connect.aws/ccp-v2", flow), {
    probeOrigin: "https://us-west-2.acme.my.connect.aws",
    path: "/ccp-v2",
    connect: true,
  });
  assert.equal(signInLanding("https://other.my.connect.aws/ccp-v2", flow), null);
  assert.equal(signInLanding("https://us-east-1.console.aws.amazon.com/connect/federate/x", flow), null);
  assert.equal(signInLanding("https://agents.example.com/ccp", flow), null, "no external destination configured");
});

test("sign-in landing: an external destination is the landing, probed on Connect", () => {
  const profile = {
    name: "agents-us",
    connectOrigin: "https://acme.my.connect.aws",
    destination: "https://agents.example.com/ccp",
    returnTo: ["https://agents.example.com/ccp"],
  };
  const flow = { connectOrigin: "https://acme.my.connect.aws", profile };
  const landed = { probeOrigin: "https://acme.my.connect.aws", path: "/ccp", connect: false };
  assert.deepEqual(signInLanding("https://agents.example.com/ccp", flow), landed);
  assert.deepEqual(signInLanding("https://agents.example.com/ccp?x=1#y", flow), landed);
  assert.equal(signInLanding("https://agents.example.com/ccp/queue", flow).path, "/ccp/queue");
  for (const url of [
    "https://agents.example.com/ccpx",
    "https://agents.example.com/",
    "https://agents.example.com:8443/ccp",
    "http://agents.example.com/ccp",
    "https://agents.example.com.evil.net/ccp",
    "https://evil.example.net/ccp",
  ]) {
    assert.equal(signInLanding(url, flow), null, url);
  }
  // Without the flow's origin (an older state), the profile's own.
  assert.deepEqual(signInLanding("https://agents.example.com/ccp", { profile }), landed);
});

test("external destinations: only https URLs outside Connect", () => {
  assert.equal(externalDestination({ destination: "https://agents.example.com/ccp" }).origin, "https://agents.example.com");
  assert.equal(externalDestination({ destination: "/ccp-v2" }), null);
  assert.equal(externalDestination({ destination: "http://agents.example.com/ccp" }), null);
  assert.equal(externalDestination({ destination: "https://acme.my.connect.aws/ccp-v2" }), null);
  assert.equal(externalDestination(null), null);
});

test("Entra errors in the URL give the code, never the query", () => {
  assert.equal(entraErrorInUrl("https://login.microsoftonline.com/tid/saml2?x=AADSTS50105&SAMLRequest=abc"), "AADSTS50105");
  assert.equal(entraErrorInUrl("https://login.microsoftonline.com/error?error=access_denied&secret=1"), "error=access_denied");
  assert.equal(entraErrorInUrl("https://login.microsoftonline.com/common/error"), "error page");
  assert.equal(entraErrorInUrl("https://login.microsoftonline.com/tid/saml2?SAMLRequest=abc"), null);
  assert.equal(entraErrorInUrl("https://evil.com/?error=AADSTS50105"), null);
});

test("stripQuery keeps origin and path only", () => {
  assert.equal(stripQuery("https://signin.aws.amazon.com/saml?SAMLResponse=PHNhbWw%3D#frag"), "https://signin.aws.amazon.com/saml");
  assert.equal(stripQuery("https://acme.awsapps.com/connect/auth/refresh?landat=x"), "https://acme.awsapps.com/connect/auth/refresh");
  assert.equal(stripQuery("garbage"), "");
  assert.equal(stripQuery("data:text/html,hi"), "data:");
});

const profiles = [
  { name: "agents", connectOrigin: "https://acme.my.connect.aws", destination: "/ccp-v2", returnTo: ["https://agents.example.com/ccp"] },
  { name: "admins", connectOrigin: "https://acme.my.connect.aws", destination: "/agent-app-v2", returnTo: [] },
  { name: "legacy", instance: { alias: "old", domain: "awsapps.com" }, destination: "/ccp-v2", returnTo: ["https://old.example.com/"] },
];

test("profile matching is deterministic: origin, then longest destination prefix, then config order", () => {
  assert.equal(matchProfile(profiles, { frameUrl: "https://acme.my.connect.aws/agent-app-v2/x" }).name, "admins");
  assert.equal(matchProfile(profiles, { frameUrl: "https://acme.my.connect.aws/ccp-v2" }).name, "agents");
  assert.equal(matchProfile(profiles, { frameUrl: "https://acme.my.connect.aws/login" }).name, "agents", "login page: first");
  assert.equal(matchProfile(profiles, { frameUrl: "https://old.awsapps.com/connect/login" }).name, "legacy");
  assert.equal(matchProfile(profiles, { frameUrl: "https://other.my.connect.aws/ccp-v2" }), null);
  assert.equal(matchProfile(profiles, { tabUrl: "https://agents.example.com/ccp?x" }).name, "agents", "custom CCP tab");
  assert.equal(matchProfile(profiles, { tabUrl: "https://elsewhere.example.com/" }), null);
  assert.equal(matchProfile(profiles, { frameUrl: "https://acme.my.connect.aws.evil.com/login" }), null);
});

test("profile origin and landing URL come from configuration, legacy gets /connect", () => {
  assert.equal(profileConnectOrigin(profiles[2]), "https://old.awsapps.com");
  assert.equal(profileLandingUrl(profiles[2]), "https://old.awsapps.com/connect/ccp-v2");
  assert.equal(profileLandingUrl(profiles[0]), "https://acme.my.connect.aws/ccp-v2");
  assert.equal(profileLandingUrl({ ...profiles[0], destination: "/agent-app-v2?VDIPlatform=CITRIX_413" }), "https://acme.my.connect.aws/agent-app-v2?VDIPlatform=CITRIX_413");
  assert.equal(profileConnectOrigin({ connectOrigin: "https://acme.my.connect.aws/" }), "https://acme.my.connect.aws");
  assert.equal(profileConnectOrigin({ connectOrigin: "https://evil.com", instance: {} }), null, "not a Connect origin");
  assert.equal(profileConnectOrigin({ instance: { alias: "x", domain: "evil.com" } }), null);
});

test("returnTo origins are unique https origins", () => {
  assert.deepEqual(
    returnToOrigins([
      { returnTo: ["https://agents.example.com/ccp", "https://agents.example.com/other", "http://plain.example.com/"] },
      { returnTo: ["https://b.example.com:8443/x", "nonsense"] },
    ]),
    ["https://agents.example.com", "https://b.example.com:8443"],
  );
});

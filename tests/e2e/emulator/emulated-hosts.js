// Every host name the emulator answers for. The same list feeds the
// certificate's SANs, Chromium's --host-resolver-rules and the router, so a
// name can't be served without also being certified and mapped.

/** @type {readonly string[]} DNS names and wildcards (one label deep, as in X.509). */
export const EMULATED_HOST_PATTERNS = Object.freeze([
  // The company's custom CCP, plus non-Connect sites: two for negative
  // scenarios, and the CRM the agent works in beside the CCP.
  "agents.example.com",
  "crm.example.com",
  "intranet.example.com",
  "evil.example.net",
  // The company's extension update server (force-install by policy).
  "updates.example.com",
  // Amazon Connect, new and legacy domains.
  "*.my.connect.aws",
  "*.awsapps.com",
  // Microsoft Entra ID.
  "launcher.myapps.microsoft.com",
  "myapps.microsoft.com",
  "login.microsoftonline.com",
  // AWS sign-in (SAML ACS), global, regional and GovCloud.
  "signin.aws.amazon.com",
  "*.signin.aws.amazon.com",
  "signin.amazonaws-us-gov.com",
  // AWS console (Connect federate), regional and GovCloud.
  "*.console.aws.amazon.com",
  "console.amazonaws-us-gov.com",
  // Connect Global Resiliency's SAML sign-in endpoints,
  // <instance-id>.<source-region>.sign-in.connect.aws: one wildcard per
  // region of the default world (a certificate wildcard covers one label).
  "*.us-east-1.sign-in.connect.aws",
  "*.eu-west-2.sign-in.connect.aws",
  "*.us-west-2.sign-in.connect.aws",
]);

/**
 * True when `host` is covered by `pattern`. A wildcard stands for exactly one
 * label, as certificate wildcards do.
 */
export function hostMatchesPattern(host, pattern) {
  if (!pattern.startsWith("*.")) return host === pattern;
  const suffix = pattern.slice(1); // ".my.connect.aws"
  if (!host.endsWith(suffix)) return false;
  const label = host.slice(0, -suffix.length);
  return label.length > 0 && !label.includes(".");
}

/**
 * Chromium's --host-resolver-rules value: every emulated name goes to the
 * emulator, every other name fails to resolve so a test can never reach the
 * real services by accident.
 */
export function hostResolverRules(port) {
  const maps = EMULATED_HOST_PATTERNS.map((p) => `MAP ${p} 127.0.0.1:${port}`);
  return [...maps, "MAP * ~NOTFOUND", "EXCLUDE localhost"].join(", ");
}

// The emulated organisation: one Entra tenant, Connect instances and the Entra
// enterprise apps that sign into them. Scenarios start from these and change
// what they need; the harness builds the product's config from the same
// values, so the emulator and the host always agree on IDs.

export const TENANT_ID = "8d2c6a4e-0f1b-4c3d-9e5a-7b6c5d4e3f21";
export const ACCOUNT_ID = "111122223333";

export const INSTANCES = Object.freeze({
  acme: Object.freeze({
    id: "178c75e4-b3de-4839-a6aa-e321ab3f3770",
    alias: "acme",
    region: "us-east-1",
    partition: "aws",
    domain: "my.connect.aws",
    rolesWithPermission: null, // null: every role may federate
    // Sites the instance lets embed it and federate sends agents to
    // (Connect's "approved origins", the allowlist for integrated applications).
    approvedOrigins: Object.freeze(["https://agents.example.com"]),
    // Replicated with Amazon Connect Global Resiliency: its global SAML
    // sign-in endpoint is https://<id>.<region>.sign-in.connect.aws/saml.
    globalResiliency: Object.freeze({ replicaRegion: "us-west-2" }),
  }),
  legacy: Object.freeze({
    id: "2a9e6f10-4c7b-4d2e-8f3a-5b1c0d9e8f7a",
    alias: "oldco",
    region: "eu-west-2",
    partition: "aws",
    domain: "awsapps.com",
    rolesWithPermission: null,
    approvedOrigins: Object.freeze([]),
    globalResiliency: null,
  }),
  other: Object.freeze({
    id: "9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f",
    alias: "elsewhere",
    region: "us-west-2",
    partition: "aws",
    domain: "my.connect.aws",
    rolesWithPermission: [], // nobody here may federate
    approvedOrigins: Object.freeze([]),
    globalResiliency: null,
  }),
});

const role = (name) =>
  `arn:aws:iam::${ACCOUNT_ID}:role/${name},arn:aws:iam::${ACCOUNT_ID}:saml-provider/EntraID`;

export const ENTRA_APPS = Object.freeze({
  agents: Object.freeze({
    appId: "4f6b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d",
    tenantId: TENANT_ID,
    identifier: "https://signin.aws.amazon.com/saml#1",
    acs: "https://us-east-1.signin.aws.amazon.com/saml",
    role: role("ConnectAgents"),
    roleSessionName: "agent@example.com",
    savedRelayState: null, // what the app sends when the launch carries none
  }),
  admins: Object.freeze({
    appId: "0e1f2a3b-4c5d-4e6f-9a7b-8c9d0e1f2a3b",
    tenantId: TENANT_ID,
    identifier: "https://signin.aws.amazon.com/saml#2",
    acs: "https://signin.aws.amazon.com/saml",
    role: role("ConnectAdmins"),
    roleSessionName: "agent@example.com",
    savedRelayState: null,
  }),
  // acme's agents through Global Resiliency: the ACS is the instance's global
  // sign-in endpoint with the destination in its query, and no relay state
  // is configured (docs/facts.md, "Global Resiliency").
  acgr: Object.freeze({
    appId: "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f",
    tenantId: TENANT_ID,
    identifier: `https://${INSTANCES.acme.id}.${INSTANCES.acme.region}.sign-in.connect.aws/saml`,
    acs: `https://${INSTANCES.acme.id}.${INSTANCES.acme.region}.sign-in.connect.aws/saml?` +
      `&instanceId=${INSTANCES.acme.id}&accountId=${ACCOUNT_ID}&role=ConnectAgents&idp=EntraID&destination=/ccp-v2`,
    role: role("ConnectAgents"),
    roleSessionName: "agent@example.com",
    savedRelayState: null,
  }),
  legacy: Object.freeze({
    appId: "6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d",
    tenantId: TENANT_ID,
    identifier: "https://signin.aws.amazon.com/saml#3",
    acs: "https://eu-west-2.signin.aws.amazon.com/saml",
    role: role("OldcoAgents"),
    roleSessionName: "agent@example.com",
    savedRelayState: null,
  }),
});

/** Where a Connect instance serves a path: legacy instances live under /connect. */
export function connectOrigin(instance) {
  return `https://${instance.alias}.${instance.domain}`;
}

export function ccpUrl(instance) {
  const prefix = instance.domain === "awsapps.com" ? "/connect" : "";
  return `${connectOrigin(instance)}${prefix}/ccp-v2`;
}

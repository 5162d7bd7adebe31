#!/usr/bin/env node
// Writes url-agreement.json: what the WHATWG URL parser (Node's, the same
// standard Chrome follows) makes of URLs a hostile page might report, so
// tests/host/unit/base_url_agreement_test.cpp can check that base::parse_url
// never reads one differently from the browser. Run it again after adding
// an input: node tests/host/data/make-url-agreement.mjs
import { writeFileSync } from "node:fs";

const inputs = [
  // Canonical, as Chrome reports them.
  "https://acme.my.connect.aws/ccp-v2",
  "https://acme.my.connect.aws/ccp-v2/",
  "https://acme.my.connect.aws/ccp-v2#/softphone",
  "https://acme.my.connect.aws/home?x=1&y=%2F",
  "https://acme.awsapps.com/connect/ccp-v2",
  "https://agents.example.com:8443/ccp/queue?next=https://evil.com#x",
  "https://10.0.0.7/ccp",
  "https://[::1]:8443/x",
  "https://a.example.com/a..b/.well-known/x.y",
  "https://a.example.com/p%20q?r=%22s%22",
  "https://a.example.com/?",
  "https://a.example.com/#",
  "https://xn--caf-dma.example.com/",
  "https://a_b.example.com/",
  // What Chrome would rewrite before reporting it.
  "HTTPS://ACME.My.Connect.AWS/ccp-v2",
  "https://acme.my.connect.aws:443/ccp-v2",
  "https://acme.my.connect.aws",
  "https://acme.my.connect.aws?x=1",
  "https://acme.my.connect.aws/ccp-v2/../home",
  "https://acme.my.connect.aws/ccp-v2/./x",
  "https://acme.my.connect.aws/ccp-v2/%2e%2e/home",
  "https://acme.my.connect.aws/ccp-v2/.%2E/home",
  "https://acme%2emy.connect.aws/home",
  "https://acme.my.connect.aws\\@evil.com/",
  "https://evil.com\\@acme.my.connect.aws/",
  "https://acme.my.connect.aws@evil.com/ccp-v2",
  "https://user:pw@acme.my.connect.aws/ccp-v2",
  "https://@acme.my.connect.aws/",
  "https://acme.my.connect.aws./ccp-v2",
  "https://0x7f.0.0.1/",
  "https://127.1/",
  "https://2130706433/",
  "https://010.0.0.1/",
  "https://1.2.3.4./",
  "https://café.example.com/",
  "https://acme.my.connect.aws/café",
  "https://acme.my.connect.aws/a b",
  " https://acme.my.connect.aws/ccp-v2",
  "https://acme.my.connect.aws/ccp-v2 ",
  "https://acme.my.connect.aws/\tccp-v2",
  "https:/acme.my.connect.aws/ccp-v2",
  "https:acme.my.connect.aws/ccp-v2",
  "https:///acme.my.connect.aws/ccp-v2",
  "https://acme.my.connect.aws:/ccp-v2",
  "https://acme.my.connect.aws:0443/ccp-v2",
  "https://acme.my.connect.aws:99999/",
  "https://acme.my.connect.aws/<script>",
  "https://acme.my.connect.aws/x?a=<b>",
  "https://acme.my.connect.aws/x#a b",
  "https://acme.my.connect.aws/%zz",
  "https://[::ffff:127.0.0.1]/",
  "https://[0:0::1]/",
  "javascript:alert(1)",
  "data:text/html,hi",
  "http://acme.my.connect.aws/ccp-v2",
];

const cases = inputs.map((input) => {
  let url = null;
  try {
    url = new URL(input);
  } catch {
    return { input, valid: false };
  }
  return {
    input,
    valid: true,
    canonical: url.href === input,
    scheme: url.protocol.replace(/:$/, ""),
    host: url.hostname,
    port: url.port,
    path: url.pathname,
    query: url.search.replace(/^\?/, ""),
    fragment: url.hash.replace(/^#/, ""),
    userinfo: url.username !== "" || url.password !== "",
  };
});
const out = new URL("url-agreement.json", import.meta.url);
writeFileSync(out, JSON.stringify({ generatedBy: "tests/host/data/make-url-agreement.mjs", node: process.version, cases }, null, 1) + "\n");
console.log(`wrote ${cases.length} cases to ${out.pathname}`);

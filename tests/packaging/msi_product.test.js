// packaging/windows/product.mjs: the MSI's version, component GUIDs and the
// filled WiX template, without building anything.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { componentGuid, fillTemplate, msiVersion, registryKeys } from "../../packaging/windows/product.mjs";

const TEMPLATE = readFileSync(new URL("../../packaging/windows/ccp-relogin.wxs.in", import.meta.url), "utf8");
const LOCATIONS = [
  { browsers: ["chrome", "brave"], registryKey: "SOFTWARE\\Google\\Chrome\\NativeMessagingHosts\\com.ccp_relogin.host" },
  { browsers: ["edge"], registryKey: "SOFTWARE\\Microsoft\\Edge\\NativeMessagingHosts\\com.ccp_relogin.host" },
];
const INPUTS = { version: "1.2", locations: LOCATIONS, exeSource: "a.exe", manifestSource: "m.json", configSource: "c.json" };

test("msiVersion pads to major.minor.build and refuses what Windows Installer cannot compare", () => {
  assert.equal(msiVersion("1"), "1.0.0");
  assert.equal(msiVersion("1.2"), "1.2.0");
  assert.equal(msiVersion("255.255.65535"), "255.255.65535");
  assert.throws(() => msiVersion("1.2.3.4"), /fourth field/);
  assert.throws(() => msiVersion("256.0.0"), /out of Windows Installer's range/);
  assert.throws(() => msiVersion("1.256.0"), /out of Windows Installer's range/);
  assert.throws(() => msiVersion("1.0.65536"), /out of Windows Installer's range/);
  for (const bad of ["", "01.2", "1..2", "v1", undefined, 1])
    assert.throws(() => msiVersion(bad), /not 1 to 4 dot-separated integers/);
});

test("componentGuid is a fixed name-based UUID per resource", () => {
  const guid = componentGuid("SOFTWARE\\Chromium\\NativeMessagingHosts\\com.ccp_relogin.host");
  assert.match(guid, /^\{[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}\}$/);
  assert.equal(componentGuid("SOFTWARE\\Chromium\\NativeMessagingHosts\\com.ccp_relogin.host"), guid);
  assert.notEqual(componentGuid("SOFTWARE\\Chromium\\NativeMessagingHosts\\com.ccp_relogin.hosT"), guid);
});

test("registryKeys refuses an empty or strange locations list", () => {
  assert.equal(registryKeys(LOCATIONS).length, 2);
  assert.throws(() => registryKeys([]), /no manifest locations/);
  assert.throws(() => registryKeys({}), /no manifest locations/);
  assert.throws(() => registryKeys([{ file: "x" }]), /unexpected registry key/);
  assert.throws(() => registryKeys([{ registryKey: 'SOFTWARE\\"x\\com.ccp_relogin.host' }]), /unexpected registry key/);
  assert.throws(() => registryKeys([{ registryKey: "SOFTWARE\\Other\\host" }]), /unexpected registry key/);
});

test("fillTemplate fills every placeholder, one registry component per key", () => {
  const wxs = fillTemplate(TEMPLATE, INPUTS);
  assert.doesNotMatch(wxs, /@[A-Z_]+@/);
  assert.match(wxs, /Version="1\.2\.0"/);
  assert.equal(wxs.match(/<RegistryValue Root="HKLM"/g).length, 2);
  assert.equal(wxs.match(/<ComponentRef Id="Registration\d"\/>/g).length, 2);
  assert.match(wxs, /Key="SOFTWARE\\Microsoft\\Edge\\NativeMessagingHosts\\com\.ccp_relogin\.host"/);
  assert.match(wxs, /Source="a\.exe"/);
});

test("fillTemplate refuses unknown and unused placeholders", () => {
  assert.throws(() => fillTemplate(`${TEMPLATE}@NOPE@`, INPUTS), /unknown placeholder @NOPE@/);
  assert.throws(() => fillTemplate(TEMPLATE.replace("@CONFIG_GUID@", "{x}"), INPUTS), /does not use @CONFIG_GUID@/);
});

#!/usr/bin/env python3
"""ctest PolicyMobileconfig.ParsesAsPlist: `ccp-relogin policy --format
mobileconfig` is a property list Python's plistlib reads, a Configuration
profile with one managed-preferences payload each for Chrome and Edge, and the
extension's configuration in each is one the host accepts (check-config).
Usage: check_mobileconfig.py BINARY CONFIG"""
import json, plistlib, subprocess, sys, tempfile, os

binary, config = sys.argv[1], sys.argv[2]
ext = "abcdefghijklmnopabcdefghijklmnop"
run = subprocess.run([binary, "policy", "--format", "mobileconfig", "--config", config,
                      "--extension-id", ext], capture_output=True, check=True)
profile = plistlib.loads(run.stdout)
assert profile["PayloadType"] == "Configuration", profile["PayloadType"]
uuids = {profile["PayloadUUID"]}
payloads = profile["PayloadContent"]
assert len(payloads) == 2, len(payloads)
for payload, browser in zip(payloads, ["com.google.Chrome", "com.microsoft.Edge"]):
    assert payload["PayloadType"] == "com.apple.ManagedClient.preferences"
    uuids.add(payload["PayloadUUID"])
    domains = payload["PayloadContent"]
    assert set(domains) == {browser, f"{browser}.extensions.{ext}"}, domains.keys()
    settings = domains[browser]["Forced"][0]["mcx_preference_settings"]
    assert settings["ExtensionSettings"][ext]["installation_mode"] == "force_installed"
    assert settings["NativeMessagingAllowlist"] == ["com.ccp_relogin.host"]
    assert settings["CookiesAllowedForUrls"] == ["https://[*.]my.connect.aws,https://agents.example.com"]
    extension = domains[f"{browser}.extensions.{ext}"]["Forced"][0]["mcx_preference_settings"]
    assert "browserPolicy" not in extension
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(extension, f)
    try:
        check = subprocess.run([binary, "check-config", "--config", f.name], capture_output=True)
        assert check.returncode == 0, check.stdout + check.stderr
    finally:
        os.unlink(f.name)
assert len(uuids) == 3, uuids
print("ok: 2 payloads, extension configuration accepted")

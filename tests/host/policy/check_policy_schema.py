#!/usr/bin/env python3
"""ctest Policy.EveryFormatFitsTheManagedSchema: the extension's configuration
in every format `ccp-relogin policy` prints, read back the way Chromium reads
that format (docs/facts.md, "Policies"), is valid against
extension/managed_schema.json, made strict: an object may hold only the
properties the schema declares, since the extension would never receive any
other. Validated with python3-jsonschema, not by the code that wrote it.
Usage: check_policy_schema.py BINARY CONFIG SCHEMA"""
import copy, json, plistlib, re, subprocess, sys, tempfile, os
import xml.etree.ElementTree as ET

import jsonschema

binary, config_path, schema_path = sys.argv[1:4]
EXT = "abcdefghijklmnopabcdefghijklmnop"
with open(schema_path) as f:
    SCHEMA = json.load(f)
with open(config_path) as f:
    CONFIG = json.load(f)


def strict(node):
    """The schema with additionalProperties: false on every object node."""
    node = copy.deepcopy(node)
    if node.get("type") == "object" and "properties" in node:
        node["additionalProperties"] = False
        node["properties"] = {k: strict(v) for k, v in node["properties"].items()}
    if "items" in node:
        node["items"] = strict(node["items"])
    return node


VALIDATOR = jsonschema.Draft7Validator(strict(SCHEMA))


def policy(fmt, *extra):
    run = subprocess.run([binary, "policy", "--format", fmt, "--config", config_path,
                          "--extension-id", EXT, *extra], capture_output=True, check=True)
    return run.stdout


def without_nulls(value):
    """No managed-schema type admits null: every format leaves those out."""
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(v) for v in value if v is not None]
    return value


def check(where, value):
    errors = sorted(VALIDATOR.iter_errors(value), key=lambda e: list(e.path))
    for error in errors:
        print(f"FAIL {where}: {'/'.join(map(str, error.path))}: {error.message}", file=sys.stderr)
    if errors:
        sys.exit(1)
    # Everything but what only files may set arrived.
    files_only = {"browserPolicy", "allowedExtensionIds"}
    expected = without_nulls({k: v for k, v in CONFIG.items() if k not in files_only})
    if value != expected:
        print(f"FAIL {where}: {json.dumps(value)} is not the configuration {json.dumps(expected)}",
              file=sys.stderr)
        sys.exit(1)
    print(f"ok {where}")


def from_registry(text):
    """The extension's key of a .reg file, each value converted by the
    schema's type as Chromium's registry reader does: JSON in a REG_SZ for
    objects and arrays, a REG_DWORD for integers and booleans."""
    key = f"HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome\\3rdparty\\extensions\\{EXT}\\policy"
    values, current = {}, None
    for line in text.split("\r\n"):
        if line.startswith("["):
            current = line[1:-1]
            continue
        if current != key or not line.startswith('"'):
            continue
        m = re.fullmatch(r'"((?:[^"\\]|\\.)*)"=(dword:([0-9a-f]{8})|"((?:[^"\\]|\\.)*)")', line)
        assert m, f"not a .reg value line: {line}"
        name = re.sub(r"\\(.)", r"\1", m.group(1))
        kind = SCHEMA["properties"][name]["type"]
        if m.group(3) is not None:
            number = int(m.group(3), 16)
            values[name] = bool(number) if kind == "boolean" else number
        else:
            data = re.sub(r"\\(.)", r"\1", m.group(4))
            values[name] = json.loads(data) if kind in ("object", "array") else data
    return values


def from_adml(directory):
    """The defaults the ADML's text and number boxes offer, converted by
    the schema's type (booleans have no default: enabled or disabled)."""
    ns = {"p": "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"}
    root = ET.parse(os.path.join(directory, "en-US", "ccp-relogin.adml")).getroot()
    values = {}
    for box in root.iterfind(".//p:textBox", ns):
        default = box.find("p:defaultValue", ns)
        if default is None:
            continue
        name = box.get("refId")
        kind = SCHEMA["properties"][name]["type"]
        values[name] = json.loads(default.text) if kind in ("object", "array") else default.text
    for box in root.iterfind(".//p:decimalTextBox", ns):
        if box.get("defaultValue") is not None:
            values[box.get("refId")] = int(box.get("defaultValue"))
    return values


for fmt in ("chrome-linux", "edge-linux"):
    check(fmt, json.loads(policy(fmt))["3rdparty"]["extensions"][EXT])
profile = plistlib.loads(policy("mobileconfig"))
for payload in profile["PayloadContent"]:
    for domain, settings in payload["PayloadContent"].items():
        if ".extensions." in domain:
            check(f"mobileconfig {domain}", settings["Forced"][0]["mcx_preference_settings"])
check("reg", from_registry(policy("reg").decode("ascii")))
with tempfile.TemporaryDirectory() as out:
    policy("admx", "--out", out)
    booleans = {k for k, v in SCHEMA["properties"].items() if v.get("type") == "boolean"}
    adml = from_adml(out)
    # A boolean top-level key would be a checkbox, with no default to read.
    assert not booleans & set(CONFIG), booleans
    check("admx", adml)

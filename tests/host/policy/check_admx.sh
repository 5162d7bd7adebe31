#!/usr/bin/env bash
# ctest PolicyAdmx.ValidatesWithXmllint: `ccp-relogin policy --format admx`
# writes an ADMX and ADML pair that is well-formed XML in the Group Policy
# namespace, whose every referenced presentation and string exists in the
# ADML, and whose default values are a configuration the host accepts.
# Usage: check_admx.sh BINARY CONFIG
set -euo pipefail
binary=$1 config=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
id=abcdefghijklmnopabcdefghijklmnop
"$binary" policy --format admx --config "$config" --extension-id "$id" --out "$dir" >/dev/null
admx=$dir/ccp-relogin.admx adml=$dir/en-US/ccp-relogin.adml
fail() { echo "FAIL: $*" >&2; exit 1; }
xmllint --noout "$admx" "$adml"
ns=http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions
q() { xmllint --xpath "$2" "$1" 2>/dev/null || true; }
[ "$(q "$admx" "namespace-uri(/*)")" = "$ns" ] || fail "ADMX root not in $ns"
[ "$(q "$adml" "namespace-uri(/*)")" = "$ns" ] || fail "ADML root not in $ns"
[ "$(q "$admx" "local-name(/*)")" = policyDefinitions ] || fail "ADMX root"
[ "$(q "$adml" "local-name(/*)")" = policyDefinitionResources ] || fail "ADML root"
[ "$(q "$admx" "count(//*[local-name()='target'][@prefix and @namespace])")" = 1 ] || fail "target namespace"
policies=$(q "$admx" "count(//*[local-name()='policy'])")
# 6 configuration properties (not the files-only allowedExtensionIds and
# browserPolicy) + ExtensionSettings, allowlist, cookies: per browser.
[ "$policies" = 18 ] || fail "expected 18 policies, found $policies"
# Every $(string.X) and $(presentation.X) the ADMX names exists in the ADML.
refs=$(grep -o '\$(\(string\|presentation\)\.[A-Za-z0-9_]*)' "$admx" | sort -u)
[ -n "$refs" ] || fail "no references found"
for ref in $refs; do
  kind=${ref#\$(}; kind=${kind%%.*}
  id_=${ref#*.}; id_=${id_%)}
  n=$(q "$adml" "count(//*[local-name()='$kind'][@id='$id_'])")
  [ "$n" = 1 ] || fail "$ref: $n definitions in the ADML"
done
# Every presentation element refers to an element of a policy that uses it.
for pres in $(q "$adml" "//*[local-name()='presentation']/@id" | sed 's/ id="\([^"]*\)"/\1 /g'); do
  for ref in $(q "$adml" "//*[local-name()='presentation'][@id='$pres']/*/@refId" | sed 's/ refId="\([^"]*\)"/\1 /g'); do
    n=$(q "$admx" "count(//*[local-name()='policy'][@presentation='\$(presentation.$pres)']/*[local-name()='elements']/*[@id='$ref'])")
    [ "$n" -ge 1 ] || fail "presentation $pres refers to $ref, which no policy has"
  done
done
# Every parentCategory and supportedOn reference is defined.
for cat in $(q "$admx" "//*[local-name()='parentCategory']/@ref" | sed 's/ ref="\([^"]*\)"/\1 /g' | tr ' ' '\n' | sort -u); do
  [ "$(q "$admx" "count(//*[local-name()='category'][@name='$cat'])")" = 1 ] || fail "category $cat"
done
[ "$(q "$admx" "count(//*[local-name()='supportedOn'][@ref][not(@ref=//*[local-name()='definition']/@name)])")" = 0 ] || fail "supportedOn"
# The defaults, put together, are a configuration the host accepts.
parts=()
for ref in $(q "$adml" "//*[local-name()='textBox']/@refId" | sed 's/ refId="\([^"]*\)"/\1 /g'); do
  value=$(q "$adml" "string(//*[local-name()='textBox'][@refId='$ref']/*[local-name()='defaultValue'])")
  [ -z "$value" ] || parts+=("\"$ref\":$value")
done
[ "${#parts[@]}" -ge 1 ] || fail "no default values in the ADML"
json="{$(IFS=,; echo "${parts[*]}")}"
printf '%s' "$json" > "$dir/from-adml.json"
"$binary" check-config --config "$dir/from-adml.json" >/dev/null 2>&1 || fail "ADML defaults are not a valid configuration: $json"
echo "ok: $policies policies, $(echo "$refs" | wc -l) references resolved"

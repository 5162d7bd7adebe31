// What the MSI is made of, as pure functions of their inputs (make_msi.mjs
// does the I/O): the product's identity, its version in Windows Installer's
// terms, and the WiX source filled from ccp-relogin.wxs.in.
import { createHash } from 'node:crypto';

// The UpgradeCode names the product across all its versions: Windows
// Installer finds the installed copy to replace (MajorUpgrade) by it alone.
// Fixed forever: a new one would make the next MSI install beside the old one
// instead of replacing it (docs/rollout.md, "Windows: the MSI").
export const UPGRADE_CODE = '{143B35D8-DD2B-4CB3-8B3B-68B099CF41E9}';

// The host's name in the browsers' registry and the manifest's file name.
export const MANIFEST_FILE = 'com.ccp_relogin.host.json';
export const EXE_FILE = 'ccp-relogin.exe';
// The network helper (HTTPS for doctor and audit forwarding), found by the
// host beside itself (docs/architecture.md, "Processes").
export const NETWORK_EXE_FILE = 'ccp-relogin-network.exe';
// Where the host reads the machine configuration on Windows:
// %ProgramData%\ccp-relogin\config.json (host/config/loader.h).
export const MACHINE_CONFIG_FOLDER = 'ccp-relogin';
export const MACHINE_CONFIG_FILE = 'config.json';

// Component attribute bits (Windows Installer's Component table): wixl 0.101
// ignores WiX's Permanent and NeverOverwrite attributes, so make_msi.mjs sets
// these bits on the machine configuration's component after wixl.
export const COMPONENT_64BIT = 256;
export const COMPONENT_PERMANENT = 16;
export const COMPONENT_NEVER_OVERWRITE = 128;
export const MACHINE_CONFIG_COMPONENT = 'MachineConfig';
export const MACHINE_CONFIG_ATTRIBUTES =
  COMPONENT_64BIT | COMPONENT_PERMANENT | COMPONENT_NEVER_OVERWRITE;
// Upgrade table: migrate features, and the maximum version counts (WiX's
// AllowSameVersionUpgrades, which wixl lacks): a rebuild of the same version
// replaces the installed one instead of installing beside it.
export const UPGRADE_MIGRATE_FEATURES = 1;
export const UPGRADE_VERSION_MAX_INCLUSIVE = 512;

// The product version from the one version source (extension/manifest.json,
// which CMake reads too). Windows Installer compares major.minor.build only
// (major and minor 0-255, build 0-65535), so a fourth field would make two
// different versions equal for upgrades: it is refused, not dropped.
export function msiVersion(version) {
  if (typeof version !== 'string' || !/^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*)){0,3}$/.test(version))
    throw new Error(`version "${version}" is not 1 to 4 dot-separated integers`);
  const parts = version.split('.').map(Number);
  if (parts.length === 4)
    throw new Error(
      `version ${version} has a fourth field, which Windows Installer ignores when it ` +
        'compares versions: use at most three (major.minor.build)'
    );
  while (parts.length < 3) parts.push(0);
  const [major, minor, build] = parts;
  if (major > 255 || minor > 255 || build > 65535)
    throw new Error(
      `version ${version} is out of Windows Installer's range (major and minor at most 255, ` +
        'build at most 65535)'
    );
  return parts.join('.');
}

// A component's GUID must stay the same for the same resource in every
// version (the component rules), so a registry key's component GUID is
// derived from the key: a name-based UUID (RFC 4122 version 5) in the
// UpgradeCode's namespace. Hand-written: Node's crypto has random UUIDs only,
// and these eight lines of RFC 4122 section 4.3 do not merit a dependency.
export function componentGuid(name) {
  const namespace = Buffer.from(UPGRADE_CODE.replace(/[{}-]/g, ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex').toUpperCase();
  return `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}}`;
}

// The registry keys from `ccp-relogin manifest --system windows --locations`
// (one entry per key; Brave shares Chrome's). Checked, because a malformed
// list would build an MSI that registers the host for no browser.
export function registryKeys(locations) {
  if (!Array.isArray(locations) || locations.length === 0)
    throw new Error('the host listed no manifest locations');
  return locations.map((entry) => {
    const key = entry?.registryKey;
    if (typeof key !== 'string' || !/^SOFTWARE\\[^"<>&]+\\com\.ccp_relogin\.host$/.test(key))
      throw new Error(`unexpected registry key in the host's locations: ${JSON.stringify(key)}`);
    return { key, browsers: entry.browsers ?? [] };
  });
}

function xmlAttribute(text) {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

// One component per registry key, its default value the manifest's full path.
function registryComponents(keys) {
  return keys
    .map(({ key, browsers }, index) =>
      [
        `        <!-- ${browsers.join(', ')} -->`,
        `        <Component Id="Registration${index}" Guid="${componentGuid(key)}" Win64="yes">`,
        `          <RegistryValue Root="HKLM" Key="${xmlAttribute(key)}" Type="string"`,
        `                         Value="[INSTALLDIR]${MANIFEST_FILE}" KeyPath="yes"/>`,
        '        </Component>',
      ].join('\n')
    )
    .join('\n');
}

// Fills the template's @NAME@ placeholders; every one must be known and used.
export function fillTemplate(template, inputs) {
  const keys = registryKeys(inputs.locations);
  const values = {
    UPGRADE_CODE,
    VERSION: msiVersion(inputs.version),
    EXE_SOURCE: xmlAttribute(inputs.exeSource),
    NETWORK_EXE_SOURCE: xmlAttribute(inputs.networkExeSource),
    MANIFEST_SOURCE: xmlAttribute(inputs.manifestSource),
    CONFIG_SOURCE: xmlAttribute(inputs.configSource),
    EXE_GUID: componentGuid(`file:INSTALLDIR\\${EXE_FILE}`),
    NETWORK_EXE_GUID: componentGuid(`file:INSTALLDIR\\${NETWORK_EXE_FILE}`),
    MANIFEST_GUID: componentGuid(`file:INSTALLDIR\\${MANIFEST_FILE}`),
    CONFIG_GUID: componentGuid(`file:CommonAppDataFolder\\${MACHINE_CONFIG_FOLDER}\\${MACHINE_CONFIG_FILE}`),
    REGISTRY_COMPONENTS: registryComponents(keys),
    REGISTRY_COMPONENT_REFS: keys
      .map((_, index) => `      <ComponentRef Id="Registration${index}"/>`)
      .join('\n'),
  };
  const unused = new Set(Object.keys(values));
  const text = template.replace(/@([A-Z_]+)@/g, (match, name) => {
    if (!(name in values)) throw new Error(`unknown placeholder ${match} in the WiX template`);
    unused.delete(name);
    return values[name];
  });
  if (unused.size > 0)
    throw new Error(`the WiX template does not use ${[...unused].map((n) => `@${n}@`).join(', ')}`);
  return text;
}

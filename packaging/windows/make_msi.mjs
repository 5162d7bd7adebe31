// packaging/windows/make-msi: the Windows MSI of the host, built on Linux with
// wixl (msitools). Node rather than Python: the repository's other build
// scripts and their tests are Node already (extension/tools/, node --test),
// and JSON in, XML out needs nothing beyond its standard library.
//
// Exit status: 0 done, 1 a step failed, 2 bad arguments.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  accessSync, constants, copyFileSync, mkdirSync, mkdtempSync, openSync, readFileSync,
  readSync, closeSync, renameSync, rmSync, statSync, writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { UsageError, USAGE, parseMsiArgs } from './msi_args.mjs';
import {
  EXE_FILE, NETWORK_EXE_FILE, MACHINE_CONFIG_ATTRIBUTES, MACHINE_CONFIG_COMPONENT, MANIFEST_FILE, UPGRADE_CODE,
  UPGRADE_MIGRATE_FEATURES, UPGRADE_VERSION_MAX_INCLUSIVE, fillTemplate, msiVersion,
} from './product.mjs';
import { makeTestCertificate, signFile } from './sign.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const BROWSERS = 'chrome,edge,chromium,brave';

class StepError extends Error {}

function run(command, args) {
  try {
    return execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  } catch (error) {
    const output = `${error.stdout ?? ''}${error.stderr ?? ''}`.trim();
    throw new StepError(`${command} failed${output ? `:\n${output}` : ` (${error.message})`}`);
  }
}

function requireFile(file, what) {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    throw new UsageError(`${what} ${file} does not exist`);
  }
  if (!stat.isFile()) throw new UsageError(`${what} ${file} is not a file`);
}

function startsWith(file, magic) {
  const buffer = Buffer.alloc(magic.length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, magic.length, 0);
  } finally {
    closeSync(fd);
  }
  return buffer.equals(magic);
}

// The MSI goes to agents' machines, so its exe must not trust the unpacked
// development extension (CMakeLists.txt; packaging/cpack.cmake refuses the
// same for the Linux packages). The exe does not say so without running it,
// but the build tree it comes from does: BUILD/host/ccp-relogin.exe beside
// BUILD/CMakeCache.txt. An exe from elsewhere is taken as given.
function refuseTrustingBuild(exe) {
  const cache = path.join(path.dirname(path.resolve(exe)), '..', 'CMakeCache.txt');
  let text;
  try {
    text = readFileSync(cache, 'utf8');
  } catch {
    return;
  }
  if (/^CCP_RELOGIN_TRUST_DEVELOPMENT_EXTENSION:BOOL=(ON|TRUE|1|YES)$/im.test(text))
    throw new UsageError(
      `--exe ${exe} comes from a build that trusts the development extension ` +
        `(${path.normalize(cache)}): build it with the windows-release preset`
    );
}

// Bad paths are bad arguments (exit 2), found before any work is done.
function checkInputs(args) {
  requireFile(args.exe, '--exe');
  if (!startsWith(args.exe, Buffer.from('MZ')))
    throw new UsageError(`--exe ${args.exe} is not a Windows executable`);
  refuseTrustingBuild(args.exe);
  requireFile(args.linuxHost, '--linux-host');
  if (!startsWith(args.linuxHost, Buffer.from([0x7f, 0x45, 0x4c, 0x46])))
    throw new UsageError(`--linux-host ${args.linuxHost} is not a Linux executable`);
  try {
    accessSync(args.linuxHost, constants.X_OK);
  } catch {
    throw new UsageError(`--linux-host ${args.linuxHost} is not executable`);
  }
  if (args.machineConfig === undefined) return checkSigning(args);
  requireFile(args.machineConfig, '--machine-config');
  try {
    JSON.parse(readFileSync(args.machineConfig, 'utf8'));
  } catch (error) {
    throw new UsageError(`--machine-config ${args.machineConfig} is not JSON: ${error.message}`);
  }
  return checkSigning(args);
}

function checkSigning(args) {
  if (args.signing.kind === 'pfx') {
    requireFile(args.signing.pfx, '--pfx');
    if (!process.env[args.signing.passwordVariable])
      throw new UsageError(`--pfx-pass-env: the variable ${args.signing.passwordVariable} is not set`);
  }
}

// The one version source, extension/manifest.json (CMakeLists.txt reads it
// too). The Linux host must be of that version: it writes the manifest and
// names the registry keys, and another version's table might differ.
function productVersion(linuxHost) {
  const version = JSON.parse(readFileSync(path.join(REPO, 'extension', 'manifest.json'), 'utf8')).version;
  const hostVersion = /^ccp-relogin (\S+)/.exec(run(linuxHost, ['version']))?.[1];
  if (hostVersion !== version)
    throw new StepError(
      `the Linux host is version ${hostVersion}, extension/manifest.json says ${version}: ` +
        'build the host from this checkout'
    );
  return msiVersion(version);
}

function hostManifest(args) {
  const ids = args.extensionIds.flatMap((id) => ['--extension-id', id]);
  const text = run(args.linuxHost, ['manifest', '--system', 'windows', '--host-path', EXE_FILE, ...ids]);
  if (JSON.parse(text).path !== EXE_FILE)
    throw new StepError(`the host's manifest does not name ${EXE_FILE}`);
  const locations = JSON.parse(
    run(args.linuxHost, ['manifest', '--system', 'windows', '--locations', '--browser', BROWSERS])
  );
  return { text, locations };
}

function signer(args, dir) {
  if (args.signing.kind === 'test') return { kind: 'test', ...makeTestCertificate(dir) };
  if (args.signing.kind === 'pfx')
    return {
      kind: 'pfx',
      pfx: args.signing.pfx,
      password: process.env[args.signing.passwordVariable],
    };
  return null;
}

// What wixl 0.101 cannot express, set in its output with msibuild's SQL:
// the machine configuration's Permanent and NeverOverwrite bits, and an
// upgrade that also replaces the same version (product.mjs says why).
function completeMsi(msi, version) {
  const sql = (query) => run('msibuild', [msi, '-q', query]);
  sql(
    `UPDATE \`Component\` SET \`Attributes\` = ${MACHINE_CONFIG_ATTRIBUTES} ` +
      `WHERE \`Component\` = '${MACHINE_CONFIG_COMPONENT}'`
  );
  // Attributes is part of the Upgrade table's key, so the row is replaced.
  sql("DELETE FROM `Upgrade` WHERE `ActionProperty` = 'WIX_UPGRADE_DETECTED'");
  sql(
    'INSERT INTO `Upgrade` (`UpgradeCode`, `VersionMax`, `Attributes`, `ActionProperty`) ' +
      `VALUES ('${UPGRADE_CODE}', '${version}', ` +
      `${UPGRADE_MIGRATE_FEATURES | UPGRADE_VERSION_MAX_INCLUSIVE}, 'WIX_UPGRADE_DETECTED')`
  );
}

function networkExeBeside(exe) {
  const beside = path.join(path.dirname(exe), NETWORK_EXE_FILE);
  requireFile(beside, `${NETWORK_EXE_FILE} beside --exe`);
  return beside;
}

function build(args, stage) {
  const version = productVersion(args.linuxHost);
  const sign = signer(args, stage);

  const exe = path.join(stage, EXE_FILE);
  run('x86_64-w64-mingw32-strip', ['-o', exe, args.exe]);
  if (sign) signFile(exe, sign);
  // The network helper comes from beside --exe, as the build writes both.
  const networkExe = path.join(stage, NETWORK_EXE_FILE);
  run('x86_64-w64-mingw32-strip', ['-o', networkExe, networkExeBeside(args.exe)]);
  if (sign) signFile(networkExe, sign);

  const { text, locations } = hostManifest(args);
  const manifest = path.join(stage, MANIFEST_FILE);
  writeFileSync(manifest, text);

  // Without --machine-config, the machine config the Linux packages ship
  // (packaging/config.json.in): the extension IDs only, so the host answers
  // the extension and the profiles come from the browser policy or from the
  // administrator. Never a sample's profiles: they would be live.
  const config = path.join(stage, 'config.json');
  if (args.machineConfig) copyFileSync(args.machineConfig, config);
  else writeFileSync(config, `${JSON.stringify({ allowedExtensionIds: args.extensionIds }, null, 2)}\n`);

  // wixl takes Source paths relative to where it runs: the staging folder.
  const wxs = path.join(stage, 'ccp-relogin.wxs');
  writeFileSync(
    wxs,
    fillTemplate(readFileSync(path.join(HERE, 'ccp-relogin.wxs.in'), 'utf8'), {
      version,
      locations,
      exeSource: path.basename(exe),
      networkExeSource: path.basename(networkExe),
      manifestSource: path.basename(manifest),
      configSource: path.basename(config),
    })
  );
  const msi = path.join(stage, 'ccp-relogin.msi');
  // wixl only warns about what it ignores (an attribute it does not know);
  // anything ignored would be missing from the MSI, so a warning fails.
  const wixl = spawnSync('wixl', ['-a', 'x64', '-o', msi, wxs], { cwd: stage, encoding: 'utf8' });
  const wixlOutput = `${wixl.stdout ?? ''}${wixl.stderr ?? ''}`.trim();
  if (wixl.error) throw new StepError(`cannot run wixl: ${wixl.error.message}`);
  if (wixl.status !== 0 || wixlOutput !== '')
    throw new StepError(`wixl ${wixl.status === 0 ? 'warned' : 'failed'}:\n${wixlOutput}`);
  completeMsi(msi, version);
  if (sign) signFile(msi, sign);

  mkdirSync(args.out, { recursive: true });
  const target = path.join(args.out, `ccp-relogin-${version}-x64.msi`);
  copyFileSync(msi, `${target}.partial`);
  renameSync(`${target}.partial`, target);
  if (sign?.kind === 'test') copyFileSync(sign.cert, path.join(args.out, 'test-signing-cert.pem'));
  return { target, version };
}

function main(argv) {
  let args;
  try {
    args = parseMsiArgs(argv);
    if (args.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    checkInputs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`make-msi: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  const stage = mkdtempSync(path.join(os.tmpdir(), 'ccp-relogin-msi-'));
  try {
    const { target, version } = build(args, stage);
    const signed = args.signing.kind === 'none' ? 'not signed' : `signed (${args.signing.kind === 'test' ? 'TEST certificate' : args.signing.pfx})`;
    process.stdout.write(`make-msi: wrote ${target} (version ${version}, ${signed})\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`make-msi: ${error.message}\n`);
    return 1;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

process.exitCode = main(process.argv.slice(2));

// make-msi's command line, parsed and checked (pure: the caller checks the
// files exist). node:util's parseArgs does the parsing; the rules between
// options are here.
import { parseArgs } from 'node:util';

export const USAGE = `usage: packaging/windows/make-msi --exe PATH --linux-host PATH --extension-id ID --out DIR
                                [--machine-config FILE]
                                [--sign-test-cert | --pfx FILE --pfx-pass-env VAR]
  --exe PATH            ccp-relogin.exe of the windows-release preset (build-windows-release/host/)
  --linux-host PATH     a Linux ccp-relogin of the same version: writes the host manifest and
                        names the registry keys (ccp-relogin manifest --system windows)
  --extension-id ID     the extension allowed to start the host (repeatable)
  --out DIR             where ccp-relogin-VERSION-x64.msi goes
  --machine-config FILE the sample %ProgramData%\\ccp-relogin\\config.json
                        (default: one naming the extension IDs only)
  --sign-test-cert      sign the .exe and the .msi with a throwaway self-signed certificate
                        (testing only; its certificate is written to DIR/test-signing-cert.pem)
  --pfx FILE            sign with this PKCS#12 certificate and key ...
  --pfx-pass-env VAR    ... whose password is in the environment variable VAR
Without a signing option the .exe and the .msi are not signed.`;

export class UsageError extends Error {}

// Chrome's extension IDs: 32 letters a-p (docs/facts.md, "Release artifacts").
const EXTENSION_ID = /^[a-p]{32}$/;

export function parseMsiArgs(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        exe: { type: 'string' },
        'linux-host': { type: 'string' },
        'extension-id': { type: 'string', multiple: true },
        out: { type: 'string' },
        'machine-config': { type: 'string' },
        'sign-test-cert': { type: 'boolean' },
        pfx: { type: 'string' },
        'pfx-pass-env': { type: 'string' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError(error.message);
  }
  const v = parsed.values;
  if (v.help) return { help: true };
  for (const name of ['exe', 'linux-host', 'out'])
    if (!v[name]) throw new UsageError(`--${name} is required`);
  const ids = v['extension-id'] ?? [];
  if (ids.length === 0) throw new UsageError('--extension-id is required');
  for (const id of ids)
    if (!EXTENSION_ID.test(id))
      throw new UsageError(`--extension-id ${JSON.stringify(id)} is not 32 letters a-p`);
  if (v['sign-test-cert'] && (v.pfx || v['pfx-pass-env']))
    throw new UsageError('--sign-test-cert and --pfx do not go together');
  if (Boolean(v.pfx) !== Boolean(v['pfx-pass-env']))
    throw new UsageError('--pfx and --pfx-pass-env go together');
  let signing = { kind: 'none' };
  if (v['sign-test-cert']) signing = { kind: 'test' };
  if (v.pfx) {
    const variable = v['pfx-pass-env'];
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable))
      throw new UsageError(`--pfx-pass-env ${JSON.stringify(variable)} is not a variable name`);
    signing = { kind: 'pfx', pfx: v.pfx, passwordVariable: variable };
  }
  return {
    help: false,
    exe: v.exe,
    linuxHost: v['linux-host'],
    extensionIds: ids,
    out: v.out,
    machineConfig: v['machine-config'],
    signing,
  };
}

// Authenticode signatures with osslsigncode: with a throwaway test
// certificate made by openssl (never kept: its key dies with the temporary
// folder), or with a PKCS#12 file. docs/rollout.md, "Windows: the MSI", says how
// to sign with a real certificate, also from a hardware token.
import { execFileSync } from 'node:child_process';
import { renameSync } from 'node:fs';
import path from 'node:path';

const DESCRIPTION = 'ccp-relogin';

function run(command, args, options = {}) {
  try {
    return execFileSync(command, args, { stdio: ['pipe', 'pipe', 'pipe'], ...options });
  } catch (error) {
    const output = `${error.stdout ?? ''}${error.stderr ?? ''}`.trim();
    throw new Error(`${command} ${args[0]} failed${output ? `:\n${output}` : ` (${error.message})`}`);
  }
}

// A self-signed code-signing certificate, valid for a week, in `dir`.
export function makeTestCertificate(dir) {
  const key = path.join(dir, 'test-signing-key.pem');
  const cert = path.join(dir, 'test-signing-cert.pem');
  run('openssl', [
    'req', '-x509', '-newkey', 'rsa:3072', '-nodes', '-sha256', '-days', '7',
    '-subj', '/CN=ccp-relogin TEST signing certificate (not trusted)',
    '-addext', 'keyUsage=critical,digitalSignature',
    '-addext', 'extendedKeyUsage=codeSigning',
    '-keyout', key, '-out', cert,
  ]);
  return { key, cert };
}

// Signs `file` in place. `signer` is {kind: 'test', key, cert} or
// {kind: 'pfx', pfx, password}; the password goes to osslsigncode on its
// standard input (-readpass -), never on a command line others can read.
export function signFile(file, signer) {
  const signed = `${file}.signed`;
  const common = ['-h', 'sha256', '-n', DESCRIPTION, '-in', file, '-out', signed];
  if (signer.kind === 'test') {
    run('osslsigncode', ['sign', '-certs', signer.cert, '-key', signer.key, ...common]);
  } else if (signer.kind === 'pfx') {
    run('osslsigncode', ['sign', '-pkcs12', signer.pfx, '-readpass', '-', ...common], {
      input: signer.password,
    });
  } else {
    throw new Error(`unknown signer ${signer.kind}`);
  }
  renameSync(signed, file);
}

// osslsigncode's verdict on `file`, trusting `caFile` (the test certificate,
// or the system's CAs when omitted). Throws when the signature does not hold.
export function verifyFile(file, caFile) {
  const args = ['verify', '-in', file];
  if (caFile) args.push('-CAfile', caFile);
  return run('osslsigncode', args).toString();
}

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface SelfSignedCertificate {
  certFile: string;
  keyFile: string;
  /** PEM text of the certificate: it is its own CA. */
  pem: string;
  remove(): void;
}

/** Names the certificate is valid for. */
export const CERTIFICATE_NAMES = ["localhost", "probe.test", "127.0.0.1"];

/** Makes a fresh self-signed certificate with the openssl CLI (Node cannot write X.509 itself). */
export function makeSelfSignedCertificate(): SelfSignedCertificate {
  const dir = mkdtempSync(join(tmpdir(), "wslint-probe-cert-"));
  const certFile = join(dir, "cert.pem");
  const keyFile = join(dir, "key.pem");
  const altNames = CERTIFICATE_NAMES.map((name) => (/^\d/.test(name) ? `IP:${name}` : `DNS:${name}`)).join(",");
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1"]
      .concat(["-subj", "/CN=localhost", "-addext", `subjectAltName=${altNames}`, "-keyout", keyFile, "-out", certFile]),
    { stdio: "pipe" },
  );
  return { certFile, keyFile, pem: readFileSync(certFile, "utf8"), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

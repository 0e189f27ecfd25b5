// A case bundle with its body changed and signed again by the same key: how tests write a bundle
// as an older exporter would have, or as a crafted one a trusted key signed.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/** Writes `${name}.credence-case` into `dir`: `file` with `change` made to its bundle.json, signed by `key`. */
export function resignedBundle(file: string, key: crypto.KeyObject, dir: string, name: string, change: (body: Record<string, unknown>) => void): string {
  const e = unzipSync(new Uint8Array(fs.readFileSync(file)));
  const body = JSON.parse(strFromU8(e['bundle.json']!)) as Record<string, unknown>;
  change(body);
  e['bundle.json'] = strToU8(JSON.stringify(body));
  const m = JSON.parse(strFromU8(e['manifest.json']!)) as { entries: Record<string, { sha256: string; size: number }> };
  m.entries['bundle.json'] = { sha256: crypto.createHash('sha256').update(e['bundle.json']).digest('hex'), size: e['bundle.json'].byteLength };
  e['manifest.json'] = strToU8(JSON.stringify(m, null, 2));
  e['manifest.sig'] = new Uint8Array(crypto.sign(null, e['manifest.json'], key));
  const out = path.join(dir, `${name}.credence-case`);
  fs.writeFileSync(out, zipSync(e));
  return out;
}

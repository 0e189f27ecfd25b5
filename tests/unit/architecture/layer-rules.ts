// The rules that keep the layers apart, as data, and a checker that reads import statements.
import { builtinModules } from 'node:module';

const NODE = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const isNode = (spec: string) => spec.startsWith('node:') || NODE.has(spec.split('/')[0]!);

export interface Rule {
  /** Files this rule governs (path prefix, relative to the project root). */
  scope: string;
  why: string;
  forbids(spec: string): boolean;
}

export const RULES: Rule[] = [
  { scope: 'electron/services/', why: 'services run in the CLI and tests too: never import electron', forbids: (s) => s === 'electron' || s.startsWith('electron/') },
  { scope: 'electron/db/', why: 'the database layer never imports electron', forbids: (s) => s === 'electron' },
  { scope: 'electron/api/', why: 'the dispatcher serves every transport: never import electron', forbids: (s) => s === 'electron' },
  { scope: 'electron/cli/', why: 'the CLI runs without Electron', forbids: (s) => s === 'electron' },
  { scope: 'shared/', why: 'shared code runs in the renderer: no electron, no Node', forbids: (s) => s === 'electron' || isNode(s) || s === 'better-sqlite3' },
  { scope: 'renderer/', why: 'the renderer is a sandboxed web page: no Node, no electron, no main-process code', forbids: (s) => s === 'electron' || isNode(s) || s === 'better-sqlite3' || /(^|\/)electron\/(services|db|main|api|cli)\//.test(s) },
  { scope: 'electron/preload/', why: 'the preload exposes only invoke and on: electron and the channel names, nothing else', forbids: (s) => s !== 'electron' && !s.endsWith('shared/channels.ts') },
];

const IMPORT = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

export function importsOf(source: string): string[] {
  const out: string[] = [];
  // Type-only imports vanish at run time, so they may cross layers (e.g. electron.d.ts types).
  for (const m of source.matchAll(IMPORT)) {
    if (/^\s*;?\s*import\s+type\s/.test(m[0]) || /^\s*;?\s*export\s+type\s/.test(m[0])) continue;
    out.push((m[1] ?? m[2] ?? m[3])!);
  }
  return out;
}

export function violations(file: string, source: string): string[] {
  const rel = file.replace(/\\/g, '/');
  return RULES.filter((r) => rel.startsWith(r.scope)).flatMap((r) => importsOf(source).filter((s) => r.forbids(s)).map((s) => `${rel} imports ${s}: ${r.why}`));
}

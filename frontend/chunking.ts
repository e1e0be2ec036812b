import { fileURLToPath, URL } from 'node:url';

import { parseAst, type Plugin } from 'vite';

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

/** What a cold start asks for before the code: the route's prefetch (small, sent with the calls, app/boot). */
const PREFETCH_ROOTS = [src('features/teachers/api/teacher-list-prefetch.ts')];
/** The signed-in shell: the layout and the teacher list (the first page of most users). */
const SHELL_ROOTS = [src('app/layout/app-layout.tsx'), src('app/routes/teachers-with-export.tsx')];

/** A static import or re-export of a module: the source and the names it takes (`*`: all of them). */
interface Edge {
  source: string;
  /** Imported by the module itself (always followed) or re-exported as `exported` (followed when asked for). */
  kind: 'import' | 'reexport';
  names: readonly string[];
  exported: readonly string[];
}

type Resolve = (source: string, importer: string) => Promise<string | undefined>;

function edgesOf(code: string, id: string): Edge[] {
  const edges: Edge[] = [];
  const name = (node: { type: string; name?: string; value?: unknown }) =>
    node.type === 'Identifier' ? (node.name ?? '') : String(node.value);
  let program;
  try {
    program = parseAst(code, { lang: /\.[cm]?tsx?$/.test(id) ? 'tsx' : 'jsx' });
  } catch {
    return edges;
  }
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration') {
      if (statement.importKind === 'type') continue;
      const names = statement.specifiers.map((spec) =>
        spec.type === 'ImportSpecifier' ? name(spec.imported) : spec.type === 'ImportDefaultSpecifier' ? 'default' : '*',
      );
      edges.push({ source: statement.source.value, kind: 'import', names: names.length > 0 ? names : ['*'], exported: [] });
    } else if (statement.type === 'ExportNamedDeclaration' && statement.source) {
      if (statement.exportKind === 'type') continue;
      edges.push({
        source: statement.source.value,
        kind: 'reexport',
        names: statement.specifiers.map((spec) => name(spec.local)),
        exported: statement.specifiers.map((spec) => name(spec.exported)),
      });
    } else if (statement.type === 'ExportAllDeclaration') {
      if (statement.exportKind === 'type') continue;
      // `export * from`: every name asked for may come from it; `export * as ns from`: all of it, as `ns`.
      edges.push({
        source: statement.source.value,
        kind: 'reexport',
        names: statement.exported ? ['*'] : [],
        exported: statement.exported ? [name(statement.exported)] : ['*'],
      });
    }
  }
  return edges;
}

/**
 * The modules a set of roots loads, approximately as the bundler's tree-shaking sees them: a module's own imports
 * are followed, its re-exports only for the names asked for (`import { Button } from 'antd'` reaches antd's
 * button, not the other 80 components that antd's index re-exports). Over-approximates a little (a module's
 * unused imports are followed).
 */
async function reachable(
  roots: readonly string[],
  codeOf: (id: string) => string | null,
  resolve: Resolve,
): Promise<Set<string>> {
  const modules = new Set<string>();
  const asked = new Map<string, Set<string>>();
  const edgeCache = new Map<string, Edge[]>();
  const queue: { id: string; names: readonly string[] }[] = roots.map((id) => ({ id, names: ['*'] }));
  while (queue.length > 0) {
    const item = queue.shift();
    if (!item) break;
    const { id } = item;
    const code = codeOf(id);
    if (code === null) continue;
    const seen = asked.get(id) ?? new Set<string>();
    asked.set(id, seen);
    const fresh = item.names.filter((n) => !seen.has(n) && !seen.has('*'));
    const first = !modules.has(id);
    if (!first && fresh.length === 0) continue;
    for (const n of fresh) seen.add(n);
    modules.add(id);
    let edges = edgeCache.get(id);
    if (!edges) {
      edges = edgesOf(code, id);
      edgeCache.set(id, edges);
    }
    for (const edge of edges) {
      let names: string[];
      if (edge.kind === 'import') {
        if (!first) continue;
        names = [...edge.names];
      } else if (fresh.includes('*')) {
        names = edge.names.length > 0 ? [...edge.names] : ['*'];
        if (edge.exported[0] === '*') names = ['*'];
      } else if (edge.exported[0] === '*' && edge.exported.length === 1 && edge.names.length === 0) {
        names = fresh; // export * from: pass the asked names on
      } else {
        names = edge.exported.flatMap((exported, i) => (fresh.includes(exported) ? [edge.names[i] ?? '*'] : []));
        if (names.length === 0) continue;
      }
      const target = await resolve(edge.source, id);
      if (target !== undefined) queue.push({ id: target, names });
    }
  }
  return modules;
}

/**
 * The signed-in shell in one file instead of ~70 (issue 14). The automatic splitting gives every set of pages that
 * shares a module its own chunk; over HTTP/1.1 (six connections, a round trip each) a cold start of the teacher list
 * then spent more time on requests than on bytes. With the groups of vite.config.ts the teacher list loads four
 * files: `boot` (the entry and the login page, exactly what their static imports reach — rolldown's `$initial`),
 * `prefetch` (the route's data calls, asked for before the code), and `shell` (the layout and the teacher list).
 *
 * Each group is closed under imports (whatever a module of it imports is in it or in a group of higher priority),
 * so the groups need not pull their dependencies in (`includeDependenciesRecursively: false`, which would move the
 * entry's modules into them), and no chunk imports one of a lower group: the login page loads `boot` alone.
 */
export function signedInChunks(): { plugin: Plugin; prefetch: (id: string) => boolean; shell: (id: string) => boolean } {
  let prefetch = new Set<string>();
  let shell = new Set<string>();
  const plugin: Plugin = {
    name: 'tmis-signed-in-chunks',
    apply: 'build',
    async buildEnd() {
      const resolved = new Map<string, Promise<string | undefined>>();
      const resolve: Resolve = (source, importer) => {
        const key = `${importer}\0${source}`;
        let hit = resolved.get(key);
        if (!hit) {
          hit = this.resolve(source, importer).then((r) => (r && !r.external ? r.id : undefined));
          resolved.set(key, hit);
        }
        return hit;
      };
      const codeOf = (id: string) => this.getModuleInfo(id)?.code ?? null;
      prefetch = await reachable(PREFETCH_ROOTS, codeOf, resolve);
      shell = await reachable(SHELL_ROOTS, codeOf, resolve);
    },
  };
  return { plugin, prefetch: (id) => prefetch.has(id), shell: (id) => shell.has(id) };
}

// @ts-check
// The package's public types as the TypeScript compiler resolves them: every export of
// 'didit-kit' with its full type (interfaces member by member, unions expanded, functions with
// their signatures), one line each, sorted. tests/js/types.test.mjs compares it with
// tests/types/api.golden.txt, so any change to the emitted types shows up in review.
//   node tests/types/api-report.mjs --update    rewrite the golden file (after a build)
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const ts = createRequire(import.meta.url)(join(ROOT, 'node_modules/typescript'));
export const GOLDEN = join(ROOT, 'tests/types/api.golden.txt');

/** Builds the report for the package in pkg/. */
export function apiReport() {
  const dir = mkdtempSync(join(tmpdir(), 'didit-kit-api-'));
  try {
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(join(ROOT, 'pkg'), join(dir, 'node_modules', 'didit-kit'), 'dir');
    const entry = join(dir, 'entry.ts');
    writeFileSync(entry, "export * from 'didit-kit';\n");
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
    const program = ts.createProgram([entry], {
      strict: true,
      noEmit: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: [],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program);
    if (diagnostics.length) {
      throw new Error(ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (/** @type {string} */ f) => f, getCurrentDirectory: () => dir, getNewLine: () => '\n' }));
    }
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(entry);
    const moduleSymbol = checker.getSymbolAtLocation(source);
    const flags = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.WriteArrayAsGenericType;
    /** @type {string[]} */
    const lines = [];
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const name = exported.getName();
      const decl = symbol.declarations?.[0];
      if (symbol.flags & ts.SymbolFlags.Function) {
        const type = checker.getTypeOfSymbolAtLocation(symbol, decl);
        for (const sig of type.getCallSignatures()) lines.push(`function ${name}${checker.signatureToString(sig, undefined, flags)}`);
      } else if (symbol.flags & ts.SymbolFlags.Interface) {
        const type = checker.getDeclaredTypeOfSymbol(symbol);
        const members = checker.getPropertiesOfType(type).map((/** @type {any} */ p) => {
          const optional = p.flags & ts.SymbolFlags.Optional ? '?' : '';
          const readonly = p.declarations?.some((/** @type {any} */ d) => ts.getCombinedModifierFlags(d) & ts.ModifierFlags.Readonly) ? 'readonly ' : '';
          return `${readonly}${p.getName()}${optional}: ${checker.typeToString(checker.getTypeOfSymbol(p), undefined, flags)}`;
        });
        const calls = type.getCallSignatures().map((/** @type {any} */ s) => checker.signatureToString(s, undefined, flags));
        lines.push(`interface ${name} { ${[...members, ...calls].join('; ')} }`);
      } else if (symbol.flags & ts.SymbolFlags.TypeAlias) {
        const type = checker.getDeclaredTypeOfSymbol(symbol);
        lines.push(`type ${name} = ${checker.typeToString(type, undefined, flags | ts.TypeFormatFlags.InTypeAlias)}`);
      } else {
        lines.push(`${ts.SymbolFlags[symbol.flags] ?? symbol.flags} ${name}`);
      }
    }
    lines.sort();
    // Names print unqualified; a qualifier the checker still adds would carry this machine's path.
    return `${lines.join('\n')}\n`.replace(/import\("[^"]*"\)\./g, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const report = apiReport();
  if (process.argv.includes('--update')) {
    writeFileSync(GOLDEN, report);
    console.log(`wrote ${GOLDEN} (${report.split('\n').length - 1} exports)`);
  } else {
    process.stdout.write(report);
    if (readFileSync(GOLDEN, 'utf8') !== report) process.exitCode = 1;
  }
}

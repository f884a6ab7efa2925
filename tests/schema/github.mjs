// Parses a --format github report the way the Actions runner reads workflow
// commands and checks it: node github.mjs FILE [--file NAME]...
// Every line but the last must be ::error/::warning/::notice with only the
// properties file, line, col, endLine, endColumn, title (positive line and
// column numbers, endLine >= line); the last line is the plain summary.
// Each --file NAME must be the unescaped file property of some command.
import fs from "node:fs";

const [file, ...rest] = process.argv.slice(2);
const wantFiles = [];
for (let i = 0; i < rest.length; i += 2) {
  if (rest[i] !== "--file" || rest[i + 1] === undefined) {
    console.error("usage: node github.mjs FILE [--file NAME]...");
    process.exit(2);
  }
  wantFiles.push(rest[i + 1]);
}

// The runner's unescaping (toolkit core/src/command.ts, reversed).
const unescapeData = (s) =>
  s.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
const unescapeProp = (s) =>
  unescapeData(s.replace(/%3A/g, ":").replace(/%2C/g, ","));

const text = fs.readFileSync(file, "utf8");
const problems = [];
if (!text.endsWith("\n")) problems.push("no final newline");
const lines = text.replace(/\n$/, "").split("\n");
const files = new Set();
const keys = new Set(["file", "line", "col", "endLine", "endColumn", "title"]);
lines.forEach((line, i) => {
  const last = i === lines.length - 1;
  if (last) {
    if (!/^pgpreflight: \d+ errors?, \d+ warnings?, \d+ notices?/.test(line))
      problems.push(`last line is not the summary: ${line}`);
    return;
  }
  const m = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!m) {
    problems.push(`line ${i + 1} is not a workflow command: ${line}`);
    return;
  }
  const props = {};
  for (const kv of (m[2] || "").split(",").filter(Boolean)) {
    const eq = kv.indexOf("=");
    const k = kv.slice(0, eq), v = unescapeProp(kv.slice(eq + 1));
    if (eq < 1 || !keys.has(k)) problems.push(`line ${i + 1}: unknown property ${kv}`);
    props[k] = v;
  }
  for (const k of ["line", "col", "endLine", "endColumn"]) {
    if (k in props && !/^[1-9][0-9]*$/.test(props[k]))
      problems.push(`line ${i + 1}: ${k}=${props[k]} is not a positive number`);
  }
  if ("endLine" in props && Number(props.endLine) < Number(props.line))
    problems.push(`line ${i + 1}: endLine before line`);
  if (!props.title) problems.push(`line ${i + 1}: no title`);
  if ("file" in props) files.add(props.file);
  const data = unescapeData(m[3]);
  if (!data.trim()) problems.push(`line ${i + 1}: empty message`);
});
for (const f of wantFiles) {
  if (!files.has(f)) problems.push(`no command names file ${JSON.stringify(f)}`);
}
if (problems.length) {
  for (const p of problems.slice(0, 20)) console.error(`${file}: ${p}`);
  process.exit(1);
}
console.log(`${file}: ${lines.length - 1} workflow commands, ${files.size} files`);

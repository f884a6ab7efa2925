// Renders a --format markdown report with markdown-it (pinned in
// package-lock.json; CommonMark plus GFM tables, raw HTML allowed as on
// GitHub) and checks that text from the migration or the code cannot inject
// markup: node markdown.mjs FILE [--text STRING]...
// Fails when the HTML has an element the renderer never writes itself (an
// <em> from an unescaped "*x*", a <b> from a table named "<b>"), when a
// table row has a different number of cells than its header (an unescaped
// "|"), or when a --text STRING is not in the rendered text verbatim.
import fs from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const MarkdownIt = require("markdown-it");

const [file, ...rest] = process.argv.slice(2);
if (!file) {
  console.error("usage: node markdown.mjs FILE [--text STRING]...");
  process.exit(2);
}
const wanted = [];
for (let i = 0; i < rest.length; i += 2) {
  if (rest[i] !== "--text" || rest[i + 1] === undefined) {
    console.error(`unexpected argument ${rest[i]}`);
    process.exit(2);
  }
  wanted.push(rest[i + 1]);
}

const md = new MarkdownIt({ html: true });
// Live golden files say "PostgreSQL <version>" where the server's version
// was; read it as a version number.
const source = fs.readFileSync(file, "utf8").replace(/<version>/g, "15.0");
const html = md.render(source);
const problems = [];

// Elements the markdown renderer produces: headings, paragraphs, lists,
// tables, code, strong, and the collapsible sections.
const allowed = new Set(["h2", "h3", "h4", "p", "ul", "li", "strong", "code",
  "pre", "table", "thead", "tbody", "tr", "th", "td", "details", "summary",
  "sub"]);
for (const m of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)) {
  if (!allowed.has(m[1].toLowerCase()))
    problems.push(`unexpected <${m[1]}> element`);
}

// Cell counts per table row, from the token stream.
let header = -1, cells = 0, inHead = false;
for (const t of md.parse(source, {})) {
  if (t.type === "thead_open") inHead = true;
  if (t.type === "thead_close") inHead = false;
  if (t.type === "table_open") header = -1;
  if (t.type === "tr_open") cells = 0;
  if (t.type === "th_open" || t.type === "td_open") cells++;
  if (t.type === "tr_close") {
    if (inHead) header = cells;
    else if (cells !== header)
      problems.push(`table row with ${cells} cells under a ${header}-cell header`);
  }
}
// markdown-it drops the extra cells of a row, so also count the unescaped
// pipes of each raw table line against the first line of its table.
let want = -1;
for (const line of source.split("\n")) {
  if (!line.startsWith("|")) {
    want = -1;
    continue;
  }
  const n = (line.match(/(?<!\\)\|/g) || []).length;
  if (want < 0) want = n;
  else if (n !== want)
    problems.push(`table line with ${n} separators, expected ${want}: ${line}`);
}

const text = html.replace(/<[^>]*>/g, "").replace(/&lt;/g, "<")
  .replace(/&gt;/g, ">").replace(/&quot;/g, "\"").replace(/&amp;/g, "&");
for (const w of wanted) {
  if (!text.includes(w)) problems.push(`rendered text lacks ${JSON.stringify(w)}`);
}

if (problems.length) {
  for (const p of problems.slice(0, 20)) console.error(`${file}: ${p}`);
  process.exit(1);
}
console.log(`${file}: renders cleanly (${html.length} bytes of HTML)`);

// Validates JSON documents against a JSON Schema with ajv (pinned in
// package-lock.json): node validate.mjs [--expect-invalid] SCHEMA FILE...
// Exit 0 when every file is valid (or, with --expect-invalid, when every
// file is rejected); 1 otherwise, with ajv's errors on stderr.
// Golden outputs of live cases carry "<version>" where the server's version
// number was; it is read as 0 so the rest of the document is checked.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const Ajv07 = require("ajv").default;
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats").default;

const argv = process.argv.slice(2);
const expectInvalid = argv[0] === "--expect-invalid";
if (expectInvalid) argv.shift();
if (argv.length < 2) {
  console.error("usage: node validate.mjs [--expect-invalid] SCHEMA FILE...");
  process.exit(2);
}
const [schemaPath, ...files] = argv;
const schema = JSON.parse(fs.readFileSync(schemaPath, "utf8"));
const dialect = String(schema.$schema || "");
const Ajv = dialect.includes("2020-12") ? Ajv2020 : Ajv07;
// strict: false because published schemas (SARIF's among them) use
// annotations ajv does not know; every validation keyword is still applied.
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

let failed = 0;
for (const file of files) {
  const text = fs.readFileSync(file, "utf8").replace(/<version>/g, "0");
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    console.error(`${file}: not JSON: ${e.message}`);
    failed++;
    continue;
  }
  const ok = validate(doc);
  if (ok === expectInvalid) {
    failed++;
    if (ok) {
      console.error(`${file}: valid, but should be rejected by ${path.basename(schemaPath)}`);
    } else {
      console.error(`${file}: invalid against ${path.basename(schemaPath)}:`);
      for (const err of validate.errors.slice(0, 20))
        console.error(`  ${err.instancePath || "/"}: ${err.message} ${JSON.stringify(err.params)}`);
    }
  } else {
    console.log(`${file}: ${ok ? "valid" : "rejected as expected"}`);
  }
}
process.exit(failed ? 1 : 0);

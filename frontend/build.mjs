// Compiles scss/townhall.scss and copies GOV.UK Frontend's script into the
// Django static folder. Run through `npm run build` (the Makefile does).
import { mkdirSync, copyFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "townhall", "core", "static", "townhall");
mkdirSync(out, { recursive: true });

const result = sass.compile(join(here, "scss", "townhall.scss"), {
  loadPaths: [join(here, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "townhall.css"), result.css);

const govuk = join(here, "node_modules", "govuk-frontend", "dist", "govuk");
copyFileSync(join(govuk, "govuk-frontend.min.js"), join(out, "govuk-frontend.min.js"));
console.log(`built ${join(out, "townhall.css")} (${result.css.length} bytes)`);

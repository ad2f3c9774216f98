// Compiles scss/townhall.scss and copies GOV.UK Frontend's script, and
// Leaflet for the safety map, into the Django static folders. Run through
// `npm run build` (the Makefile does).
import { cpSync, mkdirSync, copyFileSync, writeFileSync } from "node:fs";
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
// Leaflet's stylesheet finds its images beside it, so the folder is copied whole.
const leaflet = join(here, "node_modules", "leaflet", "dist");
const leafletOut = join(here, "..", "townhall", "safety", "static", "safety", "leaflet");
mkdirSync(leafletOut, { recursive: true });
for (const name of ["leaflet.js", "leaflet.css"]) {
  copyFileSync(join(leaflet, name), join(leafletOut, name));
}
cpSync(join(leaflet, "images"), join(leafletOut, "images"), { recursive: true });

console.log(`built ${join(out, "townhall.css")} (${result.css.length} bytes)`);

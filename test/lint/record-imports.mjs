// Preloaded with `node --import` by the start-up test: appends the URL of every module the CLI
// loads to the file named by WSLINT_IMPORT_LOG.
import { register } from "node:module";

const hooks = `
import { appendFileSync } from "node:fs";
export async function load(url, context, nextLoad) {
  appendFileSync(process.env.WSLINT_IMPORT_LOG, url + "\\n");
  return nextLoad(url, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);

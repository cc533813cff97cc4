// Scripts that drive the production build (screenshots, Lighthouse) build it first when a
// fresh clone has none, so they run straight after `npm install`.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../../..");

export function ensureBuild(): void {
  if (existsSync(path.join(root, "src/http/any-catchall/index.mjs")) && existsSync(path.join(root, "build/client")))
    return;
  console.log("No production build yet: running `npm run build`.");
  const result = spawnSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) throw new Error("`npm run build` failed.");
}

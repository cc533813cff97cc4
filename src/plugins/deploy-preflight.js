// @ts-check
// Architect deploy.start plugin: refuses to deploy what would not work. A throw here aborts
// `arc deploy` with our message before anything is packaged or uploaded.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export const BUNDLE = "src/http/any-catchall/index.mjs";
export const CLIENT_BUILD = "build/client";
const BUILD_FIRST = "Run `npm run build` first, then deploy (`npm run build && npx arc deploy`).";

/** Sources that end up in the bundle or the client build; plugins and scripts never ship. */
const BUILD_INPUTS = ["app", "src", "public", "package-lock.json", ".config/vite.config.ts"];
const NOT_BUILD_INPUTS = [BUNDLE, "src/http/any-catchall/chunks", "src/plugins", "src/scripts"];

/**
 * Files under `input` (a file or a folder) that are newer than `since`, skipping `skip` paths.
 * @param {string} cwd @param {string} input @param {number} since @param {string[]} skip
 */
function filesNewerThan(cwd, input, since, skip) {
  const full = path.join(cwd, input);
  if (!existsSync(full)) return [];
  const files = statSync(full).isDirectory()
    ? readdirSync(full, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => path.join(entry.parentPath, entry.name))
    : [full];
  return files
    .map((file) => path.relative(cwd, file).split(path.sep).join("/"))
    .filter((file) => !skip.some((s) => file === s || file.startsWith(`${s}/`)))
    .filter((file) => statSync(path.join(cwd, file)).mtimeMs > since);
}

/**
 * Throws when the Lambda bundle or the client build is missing; returns the sources newer than
 * the bundle (a stale build) so the caller decides whether that is fatal.
 * @param {string} cwd
 * @returns {{ stale: string[] }}
 */
export function checkBuild(cwd) {
  const missing = [BUNDLE, CLIENT_BUILD].filter((file) => !existsSync(path.join(cwd, file)));
  if (missing.length > 0) {
    throw new Error(`The build is missing (${missing.join(", ")}). ${BUILD_FIRST}`);
  }
  const built = statSync(path.join(cwd, BUNDLE)).mtimeMs;
  return { stale: BUILD_INPUTS.flatMap((input) => filesNewerThan(cwd, input, built, NOT_BUILD_INPUTS)) };
}

/**
 * APP_SECRET reaches the Lambda from `arc env` (SSM), which `arc deploy` reads into the inventory.
 * @param {any} inventory
 * @param {string} stage
 */
export function checkSecrets(inventory, stage) {
  const stageEnv = inventory.inv._project.env?.aws?.[stage] ?? {};
  const secret = stageEnv.APP_SECRET;
  if (typeof secret !== "string" || secret.length < 32) {
    throw new Error(
      `APP_SECRET is ${secret ? "shorter than 32 characters" : "not set"} for ${stage}. Set it once with:\n` +
        `  npx arc env --add --env ${stage} APP_SECRET "$(node -e "console.log(require('crypto').randomBytes(32).toString('base64url'))")"`,
    );
  }
  // Optional (the template derives an origin secret from the stack id; previous values only
  // exist during a rotation), but the app refuses a short one at run time, which would take the
  // whole site down: stop here instead.
  for (const [name, minimum, bytes] of /** @type {const} */ ([
    ["APP_SECRET_PREVIOUS", 32, 32],
    ["ORIGIN_VERIFY_SECRET", 16, 24],
    ["ORIGIN_VERIFY_SECRET_PREVIOUS", 16, 24],
  ])) {
    const value = stageEnv[name];
    if (value !== undefined && (typeof value !== "string" || value.length < minimum)) {
      throw new Error(
        `${name} for ${stage} must be at least ${minimum} characters. Change it with:\n` +
          `  npx arc env --add --env ${stage} ${name} "$(node -e "console.log(require('crypto').randomBytes(${bytes}).toString('base64url'))")"`,
      );
    }
  }
  if (stageEnv.ORIGIN_VERIFY_SECRET_PREVIOUS !== undefined && stageEnv.ORIGIN_VERIFY_SECRET === undefined) {
    throw new Error(
      `ORIGIN_VERIFY_SECRET_PREVIOUS is set for ${stage} without ORIGIN_VERIFY_SECRET: set the new value as ORIGIN_VERIFY_SECRET (docs/operations.md: rotating secrets).`,
    );
  }
}

export default {
  deploy: {
    /** @param {{ inventory: any, stage: string, dryRun?: boolean }} params */
    start({ inventory, stage, dryRun }) {
      const { stale } = checkBuild(inventory.inv._project.cwd);
      if (stale.length > 0) {
        const message = `The build is older than its sources (${stale.slice(0, 5).join(", ")}). ${BUILD_FIRST}`;
        // A dry run ships nothing, so a stale bundle is only worth a warning there.
        if (!dryRun) throw new Error(message);
        console.warn(`warning: ${message}`);
      }
      checkSecrets(inventory, stage);
    },
  },
};

// @ts-check
// CloudFormation shorthands and the context every concern of the deploy template works on
// (src/plugins/deploy-template.js builds it once and hands it to each module in turn).

/** @param {string} name @param {any} [rest] */
export const sub = (name, rest) => (rest ? { "Fn::Sub": [name, rest] } : { "Fn::Sub": name });
/** @param {string} id */
export const ref = (id) => ({ Ref: id });
/** @param {string} id @param {string} attribute */
export const getAtt = (id, attribute) => ({ "Fn::GetAtt": [id, attribute] });

/**
 * @typedef {object} DeployContext
 * @property {any} cloudformation Architect's template, changed in place
 * @property {Record<string, any>} resources its Resources
 * @property {string} stage
 * @property {boolean} production
 * @property {import("./settings.js").Settings} settings the stage's `arc env` settings
 * @property {string | undefined} region the region app.arc names (where arc deploy deploys)
 * @property {string} functionId the logical id of the one HTTP function
 * @property {any} originSecret what CloudFront sends in x-origin-verify and the Lambda checks
 * @property {Table[]} tables app.arc's tables, in its order
 */

/**
 * @typedef {object} Table
 * @property {string} name app.arc's name (tasks)
 * @property {string} id its resource's logical id in the template (TasksTable)
 * @property {string} envName the Lambda's variable for its name (TASKS_TABLE)
 */

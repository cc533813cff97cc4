// @ts-check
// CloudFront Functions (cloudfront-js-2.0) run on every viewer request: the default behaviour's
// forwards the Host (and, with a custom domain, redirects other host names to it); the static
// behaviours' map /_static/<key> to the bucket's key.
import { sub } from "./cfn.js";

/** The viewer's Host, copied where the app looks for its public origin (API Gateway needs Host). */
export const FORWARD_HOST_CODE = `function handler(event) {
  var request = event.request;
  request.headers['x-forwarded-host'] = { value: request.headers.host.value };
  return request;
}
`;

/**
 * Architect uploads build/client to the bucket's root (assets/x.js, favicon.svg) while pages
 * ask for /_static/assets/x.js; this drops the prefix before CloudFront asks S3 for the key.
 */
export const STRIP_STATIC_PREFIX_CODE = `function handler(event) {
  var request = event.request;
  request.uri = request.uri.replace(/^\\/_static\\//, '/');
  return request;
}
`;

/**
 * With a custom domain, the default behaviour's viewer-request function: any other Host (the
 * bare d….cloudfront.net name) gets a 301 to the same path on the domain; the domain's own
 * requests get x-forwarded-host as FORWARD_HOST_CODE does. `domain` is checked to be a plain
 * host name (readSettings) before it is written into the code.
 * @param {string} domain
 */
export function canonicalHostCode(domain) {
  return `var DOMAIN = '${domain}';
function handler(event) {
  var request = event.request;
  var host = request.headers.host ? request.headers.host.value.toLowerCase() : '';
  if (host !== DOMAIN) {
    var query = [];
    var params = request.querystring || {};
    for (var name in params) {
      var values = params[name].multiValue || [params[name]];
      for (var i = 0; i < values.length; i++) query.push(values[i].value === '' ? name : name + '=' + values[i].value);
    }
    var location = 'https://' + DOMAIN + request.uri + (query.length ? '?' + query.join('&') : '');
    return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: location } } };
  }
  request.headers['x-forwarded-host'] = { value: host };
  return request;
}
`;
}

/** @param {string} name @param {string} comment @param {string} code */
const viewerFunction = (name, comment, code) => ({
  Type: "AWS::CloudFront::Function",
  Properties: {
    Name: sub(`\${AWS::StackName}-${name}`),
    AutoPublish: true,
    FunctionConfig: { Comment: comment, Runtime: "cloudfront-js-2.0" },
    FunctionCode: code,
  },
});

/** @param {import("./cfn.js").DeployContext} context */
export function addViewerFunctions({ resources, settings: { domain } }) {
  resources.ForwardHostFunction = domain
    ? viewerFunction(
        "forward-host",
        `Redirects other host names to ${domain}; copies Host into x-forwarded-host`,
        canonicalHostCode(domain),
      )
    : viewerFunction("forward-host", "Copies the viewer's Host into x-forwarded-host for the app", FORWARD_HOST_CODE);
  resources.StripStaticPrefixFunction = viewerFunction(
    "strip-static",
    "Maps /_static/<key> to the bucket key <key>",
    STRIP_STATIC_PREFIX_CODE,
  );
}

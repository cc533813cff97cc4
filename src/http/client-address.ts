import { isIP } from "node:net";

/**
 * The browser's IP address, for rate limits. API Gateway's sourceIp is whoever opened the
 * connection: the browser locally, but one of CloudFront's edge servers when deployed. Behind
 * CloudFront (which the request guard has proven by the origin secret) the viewer's address
 * is in CloudFront-Viewer-Address, a header CloudFront sets itself ("ip:port"; the managed
 * AllViewerExceptHostHeader origin request policy forwards it). Failing that, X-Forwarded-For:
 * its first entries are whatever the client sent, so only the entry CloudFront appended, the
 * last one before API Gateway's own (the edge server, equal to sourceIp), is believed.
 */
export function clientAddress(
  sourceIp: string | undefined,
  header: (name: string) => string | undefined,
  behindCloudFront: boolean,
): string | undefined {
  if (!behindCloudFront) return validAddress(sourceIp);
  const viewer = header("cloudfront-viewer-address")?.trim();
  if (viewer) {
    const port = viewer.lastIndexOf(":");
    const address = validAddress(port > 0 ? viewer.slice(0, port) : viewer);
    if (address) return address;
  }
  const hops = (header("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  while (hops.length > 1 && hops.at(-1) === sourceIp) hops.pop();
  return validAddress(hops.at(-1)) ?? validAddress(sourceIp);
}

function validAddress(value: string | undefined): string | undefined {
  const address = value?.replace(/^\[(.*)\]$/, "$1");
  return address && isIP(address) ? address : undefined;
}

import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";

/**
 * A route that sends a text body starting with a byte order mark (the CSV export, for Excel)
 * sets this header: the Remix adapter reads text bodies with Response.text(), which drops the
 * BOM, so the handler puts it back and removes the header.
 */
export const BOM_HEADER = "x-body-starts-with-bom";

export function restoreByteOrderMark(response: APIGatewayProxyStructuredResultV2): APIGatewayProxyStructuredResultV2 {
  const headers = { ...response.headers };
  const name = Object.keys(headers).find((key) => key.toLowerCase() === BOM_HEADER);
  if (name === undefined) return response;
  delete headers[name];
  const body = response.body ?? "";
  if (response.isBase64Encoded || body.startsWith("\uFEFF")) return { ...response, headers };
  return { ...response, headers, body: `\uFEFF${body}` };
}

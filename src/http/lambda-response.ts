import { isBinaryType } from "@remix-run/architect/dist/binaryTypes.js";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { compressBody } from "#src/http/compress.ts";

/**
 * A Remix Response as API Gateway (payload 2.0) wants it. Replaces the adapter's
 * sendRemixResponse, which decodes every text body to a string (Response.text()) before the
 * handler compresses it back into bytes: here the bytes go straight to the compressor, and a
 * body is decoded only when it is sent uncompressed. Decoding with Buffer keeps a leading byte
 * order mark (the CSV export's, for Excel), which Response.text() drops.
 */
export async function toLambdaResponse(
  response: Response,
  acceptEncoding: string | undefined,
): Promise<APIGatewayProxyStructuredResultV2> {
  // API Gateway sends Set-Cookie from its own list, not from the headers.
  const cookies = response.headers.getSetCookie();
  const headers: Record<string, string> = {};
  for (const [name, value] of response.headers) if (name !== "set-cookie") headers[name] = value;
  const result: APIGatewayProxyStructuredResultV2 = { statusCode: response.status, headers, cookies };
  if (!response.body) return result;

  const bytes = Buffer.from(await response.arrayBuffer());
  const contentType = response.headers.get("content-type");
  if (isBinaryType(contentType)) return { ...result, body: bytes.toString("base64"), isBase64Encoded: true };
  const compressed = compressBody(bytes, contentType, acceptEncoding);
  if (!compressed) return { ...result, body: bytes.toString("utf8"), isBase64Encoded: false };
  delete headers["content-length"];
  headers["content-encoding"] = compressed.encoding;
  headers.vary = headers.vary ? `${headers.vary}, Accept-Encoding` : "Accept-Encoding";
  return { ...result, body: compressed.body.toString("base64"), isBase64Encoded: true };
}

/**
 * One file field from a multipart/form-data body (RFC 7578). Remix's streaming parser overflows
 * the call stack on a multi-megabyte part, and in Lambda the whole body is already in memory
 * (API Gateway delivers it in the event), so the body is read once and the part sliced out.
 */
export interface UploadedFile {
  fileName: string;
  bytes: Uint8Array;
}

export class MultipartError extends Error {}

export async function readMultipartFile(
  request: Request,
  field: string,
  maxBodyBytes: number,
): Promise<UploadedFile | null> {
  const boundary = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(request.headers.get("content-type") ?? "");
  const marker = boundary?.[1] ?? boundary?.[2];
  if (!marker) throw new MultipartError("no boundary");
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBodyBytes) throw new RangeError("body too large");
  const body = Buffer.from(await request.arrayBuffer());
  if (body.length > maxBodyBytes) throw new RangeError("body too large");
  const delimiter = Buffer.from(`--${marker}`);
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const headerStart = start + delimiter.length + 2;
    if (body.subarray(start + delimiter.length, start + delimiter.length + 2).toString() === "--") break;
    const headerEnd = body.indexOf("\r\n\r\n", headerStart);
    if (headerEnd < 0) throw new MultipartError("part without headers");
    const next = body.indexOf(Buffer.from(`\r\n--${marker}`), headerEnd + 4);
    if (next < 0) throw new MultipartError("part without end");
    const headers = body.subarray(headerStart, headerEnd).toString("utf8");
    const disposition = /^content-disposition:([^\r\n]*)/im.exec(headers)?.[1] ?? "";
    const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1];
    if (name === field) {
      const fileName = /;\s*filename="([^"]*)"/i.exec(disposition)?.[1] ?? "";
      return {
        fileName: fileName.split(/[/\\]/).pop() ?? "",
        bytes: new Uint8Array(body.subarray(headerEnd + 4, next)),
      };
    }
    start = next + 2;
  }
  return null;
}

import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { expect, test } from "vitest";
import { compressBody } from "#src/http/compress.ts";
import { toLambdaResponse } from "#src/http/lambda-response.ts";

// Curly quotes as in the task rows' labels: the body is not ASCII.
const html = `<!doctype html><html><body>${"<li>A “task”</li>".repeat(200)}</body></html>`;
const bytes = Buffer.from(html, "utf8");
const HTML = "text/html; charset=utf-8";

test("a large HTML page is brotli-compressed when the browser accepts it", () => {
  const result = compressBody(bytes, HTML, "gzip, deflate, br, zstd");

  expect(result?.encoding).toBe("br");
  expect(brotliDecompressSync(result?.body ?? Buffer.alloc(0)).toString("utf8")).toBe(html);
  expect(result?.body.length).toBeLessThan(bytes.length / 5);
});

test("gzip is used when brotli is not accepted", () => {
  const result = compressBody(bytes, HTML, "gzip");

  expect(result?.encoding).toBe("gzip");
  expect(gunzipSync(result?.body ?? Buffer.alloc(0)).toString("utf8")).toBe(html);
});

test("nothing is compressed without Accept-Encoding, with q=0, for small bodies or binary content", () => {
  expect(compressBody(bytes, HTML, undefined)).toBeNull();
  expect(compressBody(bytes, HTML, "br;q=0, gzip;q=0")).toBeNull();
  expect(compressBody(Buffer.from("<p>short</p>"), HTML, "br")).toBeNull();
  expect(compressBody(Buffer.alloc(5000, 1), "image/png", "br")).toBeNull();
});

test("a Remix response becomes a compressed API Gateway result, cookies apart, Vary kept", async () => {
  const headers = new Headers({ "content-type": HTML, vary: "Cookie" });
  headers.append("set-cookie", "a=1; HttpOnly");
  headers.append("set-cookie", "b=2; HttpOnly");
  const result = await toLambdaResponse(new Response(html, { status: 201, headers }), "br");

  expect(result.statusCode).toBe(201);
  expect(result.cookies).toEqual(["a=1; HttpOnly", "b=2; HttpOnly"]);
  expect(result.headers).toMatchObject({ "content-encoding": "br", vary: "Cookie, Accept-Encoding" });
  expect(result.headers?.["set-cookie"]).toBeUndefined();
  expect(result.isBase64Encoded).toBe(true);
  expect(brotliDecompressSync(Buffer.from(result.body ?? "", "base64")).toString("utf8")).toBe(html);
});

test("an uncompressed text body keeps its byte order mark; binary types go as base64", async () => {
  const csv = "\uFEFFid,title\r\n1,“a”\r\n";
  const text = await toLambdaResponse(new Response(csv, { headers: { "content-type": "text/csv" } }), undefined);
  expect(text).toMatchObject({ body: csv, isBase64Encoded: false });

  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff]);
  const image = await toLambdaResponse(new Response(png, { headers: { "content-type": "image/png" } }), "br");
  expect(image).toMatchObject({ body: png.toString("base64"), isBase64Encoded: true });
});

import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { expect, test } from "vitest";
import { compressResponse } from "#src/http/compress.ts";

const html = `<!doctype html><html><body>${"<li>A task</li>".repeat(200)}</body></html>`;
const page = { statusCode: 200, headers: { "content-type": "text/html; charset=utf-8" }, body: html };

test("a large HTML page is brotli-compressed when the browser accepts it", () => {
  const result = compressResponse(page, "gzip, deflate, br, zstd");

  expect(result.headers?.["content-encoding"]).toBe("br");
  expect(result.headers?.vary).toBe("Accept-Encoding");
  expect(result.isBase64Encoded).toBe(true);
  expect(brotliDecompressSync(Buffer.from(result.body ?? "", "base64")).toString("utf8")).toBe(html);
  expect(Buffer.from(result.body ?? "", "base64").length).toBeLessThan(html.length / 5);
});

test("gzip is used when brotli is not accepted", () => {
  const result = compressResponse(page, "gzip");

  expect(result.headers?.["content-encoding"]).toBe("gzip");
  expect(gunzipSync(Buffer.from(result.body ?? "", "base64")).toString("utf8")).toBe(html);
});

test("nothing is compressed without Accept-Encoding, with q=0, for small bodies or binary content", () => {
  expect(compressResponse(page, undefined)).toBe(page);
  expect(compressResponse(page, "br;q=0, gzip;q=0")).toBe(page);
  expect(compressResponse({ ...page, body: "<p>short</p>" }, "br")).toEqual({ ...page, body: "<p>short</p>" });
  const image = { statusCode: 200, headers: { "content-type": "image/png" }, body: "x".repeat(5000) };
  expect(compressResponse(image, "br")).toBe(image);
});

// What the server build and the Architect adapter take from @remix-run/node, minus what a
// Lambda on Node 22 never calls but would load at every cold start: installGlobals() and its
// fetch polyfills (undici, @remix-run/web-fetch), file session storage and the file upload
// handler (node:fs/promises, node:os). bundle-handler.ts points "@remix-run/node" here, so a
// name missing from this file fails the build instead of a request.
export * from "@remix-run/server-runtime";
export {
  createCookie,
  createCookieSessionStorage,
  createMemorySessionStorage,
  createSessionStorage,
} from "@remix-run/node/dist/implementations.js";
export {
  createReadableStreamFromReadable,
  readableStreamToString,
  writeAsyncIterableToWritable,
  writeReadableStreamToWritable,
} from "@remix-run/node/dist/stream.js";

import { Writable } from "node:stream";
import { createElement } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { MoreOptions } from "#app/components/more-options.tsx";

/**
 * Quick add's "More options" as HTML (components/more-options.tsx), for the page to show as it
 * is: its fields are the largest part of the form, and none of them needs code in the browser.
 * The loader sends it with the form's defaults; a refused add, with what was typed and why.
 * Rendered with the streaming renderer the pages use (the one the bundle carries).
 */
export function moreOptionsHtml(props: Parameters<typeof MoreOptions>[0]): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
      final(done) {
        // React 18's stream can leave NUL bytes at a chunk boundary (entry.server.tsx says why).
        resolve(Buffer.from(Buffer.concat(chunks).filter((byte) => byte !== 0)).toString("utf8"));
        done();
      },
    });
    const stream = renderToPipeableStream(createElement(MoreOptions, props), {
      onAllReady: () => stream.pipe(sink),
      onShellError: reject,
      onError: reject,
    });
  });
}

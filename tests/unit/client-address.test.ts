import { expect, test } from "vitest";
import { clientAddress } from "#src/http/client-address.ts";
import { addressScope } from "#src/limits/rate-limit-service.ts";

const EDGE = "130.176.1.10";

function headers(values: Record<string, string>) {
  return (name: string) => values[name];
}

test("locally (no CloudFront) the connecting address is the client, whatever the headers claim", () => {
  expect(clientAddress("127.0.0.1", headers({ "x-forwarded-for": "203.0.113.9" }), false)).toBe("127.0.0.1");
  expect(clientAddress("::1", headers({ "cloudfront-viewer-address": "203.0.113.9:443" }), false)).toBe("::1");
});

test("behind CloudFront the viewer address CloudFront sets wins, port removed, IPv6 too", () => {
  expect(clientAddress(EDGE, headers({ "cloudfront-viewer-address": "203.0.113.9:51234" }), true)).toBe("203.0.113.9");
  expect(clientAddress(EDGE, headers({ "cloudfront-viewer-address": "2001:db8:1:2::7:46532" }), true)).toBe(
    "2001:db8:1:2::7",
  );
});

test("without that header, only the X-Forwarded-For entry CloudFront added is believed, never a client's own", () => {
  // A client sent "X-Forwarded-For: 1.2.3.4"; CloudFront appended the viewer, API Gateway the edge.
  const forwarded = headers({ "x-forwarded-for": `1.2.3.4, 203.0.113.9, ${EDGE}` });
  expect(clientAddress(EDGE, forwarded, true)).toBe("203.0.113.9");
  expect(clientAddress(EDGE, headers({ "x-forwarded-for": `203.0.113.9` }), true)).toBe("203.0.113.9");
  // Garbage in the headers falls back to the connecting address rather than to nothing.
  expect(
    clientAddress(EDGE, headers({ "cloudfront-viewer-address": "not-an-ip:1", "x-forwarded-for": "x" }), true),
  ).toBe(EDGE);
  expect(clientAddress(EDGE, headers({}), true)).toBe(EDGE);
});

test("an IPv6 address counts as its /64, so one user cannot rotate through their own prefix", () => {
  expect(addressScope("2001:db8:1:2::7")).toBe("2001:db8:1:2::/64");
  expect(addressScope("2001:0db8:0001:0002:ffff:1:2:3")).toBe("2001:db8:1:2::/64");
  expect(addressScope("2001:db8::1")).toBe("2001:db8:0:0::/64");
  expect(addressScope("203.0.113.9")).toBe("203.0.113.9");
});

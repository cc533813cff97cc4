import { expect, test } from "vitest";
import { splitLinks } from "#app/text-links.ts";

test("http and https addresses become links; the text around them stays text", () => {
  expect(splitLinks("Tickets at https://example.com/shows?id=4&x=1 and http://a.example.")).toEqual([
    { text: "Tickets at " },
    { text: "https://example.com/shows?id=4&x=1", href: "https://example.com/shows?id=4&x=1" },
    { text: " and " },
    { text: "http://a.example", href: "http://a.example/" },
    { text: "." },
  ]);
});

test("text without a link is one plain part, and empty text none", () => {
  expect(splitLinks("Buy milk\nand bread")).toEqual([{ text: "Buy milk\nand bread" }]);
  expect(splitLinks("")).toEqual([]);
});

test("javascript:, data:, mailto: and other schemes are never links", () => {
  for (const text of [
    "javascript:alert(1)",
    "JavaScript://example.com/%0aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "mailto:someone@example.com",
    "ftp://files.example.com/a",
    "file:///etc/passwd",
  ])
    expect(
      splitLinks(text).every((part) => part.href === undefined),
      text,
    ).toBe(true);
});

test("sentence punctuation and enclosing brackets stay outside the link; a link's own brackets stay in", () => {
  expect(splitLinks("(see https://example.com/a).")).toEqual([
    { text: "(see " },
    { text: "https://example.com/a", href: "https://example.com/a" },
    { text: ")." },
  ]);
  expect(splitLinks("https://en.wikipedia.org/wiki/Foo_(bar), then")).toEqual([
    { text: "https://en.wikipedia.org/wiki/Foo_(bar)", href: "https://en.wikipedia.org/wiki/Foo_(bar)" },
    { text: ", then" },
  ]);
  expect(splitLinks("“https://example.com/q?”")[1]).toEqual({
    text: "https://example.com/q",
    href: "https://example.com/q",
  });
});

test("markup and quotes in the text cannot reach the link's address", () => {
  const parts = splitLinks('https://example.com/"onmouseover="alert(1) <b>https://x.example/<i></i>');
  expect(parts.filter((part) => part.href).map((part) => part.href)).toEqual([
    "https://example.com/",
    "https://x.example/",
  ]);
  expect(parts.map((part) => part.text).join("")).toBe(
    'https://example.com/"onmouseover="alert(1) <b>https://x.example/<i></i>',
  );
});

test("an address that is not a valid URL stays text", () => {
  expect(splitLinks("http://")).toEqual([{ text: "http://" }]);
  expect(splitLinks("https://[oops and more")).toEqual([{ text: "https://[oops and more" }]);
});

// Crawlers only ever ask for /robots.txt at the root, which the Lambda serves (the static
// bucket is only reachable under /_static/). Task pages are private; the rest may be indexed.
const ROBOTS = ["User-agent: *", "Allow: /", "Disallow: /tasks", ""].join("\n");

export function loader() {
  return new Response(ROBOTS, {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}

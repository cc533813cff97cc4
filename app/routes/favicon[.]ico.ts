// Browsers ask for /favicon.ico at the root whatever the page's <link rel="icon"> says (and
// crawlers, feed readers and bookmark tools only ask there); the icon lives in the static
// bucket. A redirect needs no session and no storage, and browsers may keep it for a day.
export function loader() {
  return new Response(null, {
    status: 301,
    headers: { Location: `${import.meta.env.BASE_URL}favicon.svg`, "Cache-Control": "public, max-age=86400" },
  });
}

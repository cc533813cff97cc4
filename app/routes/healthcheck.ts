import { checkHealth } from "#src/health/health-service.ts";
import { UNAVAILABLE_RETRY_AFTER_SECONDS } from "#src/shared-constants.js";

export async function loader() {
  const report = await checkHealth();
  return Response.json(report, {
    status: report.ok ? 200 : 503,
    headers: {
      "Cache-Control": "no-store",
      ...(report.ok ? {} : { "Retry-After": String(UNAVAILABLE_RETRY_AFTER_SECONDS) }),
    },
  });
}

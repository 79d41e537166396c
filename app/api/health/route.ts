// Liveness: the process is up and serving. It touches nothing else, so a slow database never
// gets a healthy instance restarted (that is what /api/ready is for).
export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}

import { transitionEndpoints } from "@/lib/api/endpoints";
import { apiRoute } from "@/lib/api/handler";
import { problem } from "@/lib/api/problem";
import { TRANSITIONS, type Transition } from "@/lib/assets/transitions";
import { transitionAsset } from "@/lib/assets/workflow";
import { getDb } from "@/lib/db";

// POST /api/v1/assets/{uuid}/{approve|revoke|promote|withdraw|delete|restore}

const routes = Object.fromEntries(
  Object.entries(transitionEndpoints).map(([transition, endpoint]) => [
    transition,
    apiRoute(endpoint, async ({ actor, params, body }) => {
      const result = await transitionAsset(await getDb(), actor!, transition as Transition, params.uuid, {
        tags: body.tags,
        deleteReason: body.reason || null,
        qcOverride: body.qcOverride,
      });
      return { uuid: params.uuid, transition, changed: result.changed };
    }),
  ]),
) as Record<Transition, ReturnType<typeof apiRoute>>;

type Context = { params: Promise<{ uuid: string; transition: string }> };

export async function POST(request: Request, { params }: Context): Promise<Response> {
  const { uuid, transition } = await params;
  if (!(TRANSITIONS as readonly string[]).includes(transition)) {
    return problem("not_found", `No such action: ${transition.slice(0, 40)}. One of ${TRANSITIONS.join(", ")}.`);
  }
  return routes[transition as Transition](request, { params: Promise.resolve({ uuid }) });
}

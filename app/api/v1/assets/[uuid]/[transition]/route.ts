import { transitionRoutes } from "@/lib/api/asset-handlers";
import { SINGLE_TRANSITIONS, type SingleTransition } from "@/lib/api/endpoints";
import { problem } from "@/lib/api/problem";

// POST /api/v1/assets/{uuid}/{approve|revoke|promote|withdraw|delete|restore}

type Context = { params: Promise<{ uuid: string; transition: string }> };

export async function POST(request: Request, { params }: Context): Promise<Response> {
  const { uuid, transition } = await params;
  if (!(SINGLE_TRANSITIONS as readonly string[]).includes(transition)) {
    return problem("not_found", `No such action: ${transition.slice(0, 40)}. One of ${SINGLE_TRANSITIONS.join(", ")}.`);
  }
  return transitionRoutes[transition as SingleTransition](request, { params: Promise.resolve({ uuid }) });
}

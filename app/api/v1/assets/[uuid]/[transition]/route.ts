import { transitionRoutes } from "@/lib/api/asset-handlers";
import { problem } from "@/lib/api/problem";
import { TRANSITIONS, type Transition } from "@/lib/assets/transitions";

// POST /api/v1/assets/{uuid}/{approve|revoke|promote|withdraw|delete|restore}

type Context = { params: Promise<{ uuid: string; transition: string }> };

export async function POST(request: Request, { params }: Context): Promise<Response> {
  const { uuid, transition } = await params;
  if (!(TRANSITIONS as readonly string[]).includes(transition)) {
    return problem("not_found", `No such action: ${transition.slice(0, 40)}. One of ${TRANSITIONS.join(", ")}.`);
  }
  return transitionRoutes[transition as Transition](request, { params: Promise.resolve({ uuid }) });
}

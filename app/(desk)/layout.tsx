import { AppShell } from "@/components/app-shell";
import { pageActor } from "@/lib/auth/session";

// Every desk page reads live data and the signed-in user; nothing here is prerendered.
export const dynamic = "force-dynamic";

export default async function DeskLayout({ children }: { children: React.ReactNode }) {
  const actor = await pageActor();
  return <AppShell user={actor}>{children}</AppShell>;
}

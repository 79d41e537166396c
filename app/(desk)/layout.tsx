import { AppShell } from "@/components/app-shell";

// Every desk page reads live data; nothing here may be prerendered at build time.
export const dynamic = "force-dynamic";

export default function DeskLayout({ children }: { children: React.ReactNode }) {
  return <AppShell>{children}</AppShell>;
}

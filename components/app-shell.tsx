import Link from "next/link";
import { NavLink } from "@/components/nav-link";

const NAV = [
  { href: "/assets", label: "Assets" },
  { href: "/catalog", label: "Catalog" },
  { href: "/trash", label: "Trash" },
  { href: "/audit", label: "Audit" },
  { href: "/sources", label: "Sources" },
];

export function AppShell({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-screen-2xl items-center gap-6 px-4">
          <Link href="/" className="text-lg font-semibold tracking-tight">
            Asset Desk
          </Link>
          <nav aria-label="Main" className="flex gap-1">
            {NAV.map((item) => (
              <NavLink key={item.href} href={item.href}>
                {item.label}
              </NavLink>
            ))}
          </nav>
          {/* Sign-in arrives with roles; until then the desk is open to anyone who reaches it. */}
          <div className="ml-auto text-sm text-slate-500" aria-label="Signed-in user">
            Not signed in
          </div>
        </div>
      </header>
      <main className="mx-auto w-full max-w-screen-2xl flex-1 px-4 py-6">{children}</main>
    </div>
  );
}

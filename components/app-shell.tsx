import Link from "next/link";
import { NavLink } from "@/components/nav-link";
import { SignOutButton, SignOutEverywhereButton } from "@/components/auth/sign-out-button";
import { can, type Capability } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/client";

const NAV: Array<{ href: string; label: string; capability: Capability }> = [
  { href: "/assets", label: "Assets", capability: "assets.read" },
  { href: "/catalog", label: "Catalog", capability: "assets.read" },
  { href: "/trash", label: "Trash", capability: "trash.manage" },
  { href: "/audit", label: "Audit", capability: "trash.manage" },
  { href: "/sources", label: "Sources", capability: "assets.read" },
  { href: "/users", label: "Users", capability: "admin.manage" },
  { href: "/tokens", label: "API tokens", capability: "admin.manage" },
  { href: "/qc-profiles", label: "QC profiles", capability: "qc.profiles" },
  { href: "/api-docs", label: "API docs", capability: "assets.read" },
];

export function AppShell({
  user,
  children,
}: {
  user: { name: string; email: string; role: Role };
  children: React.ReactNode;
}) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-screen-2xl items-center gap-6 px-4">
          <Link href="/" className="text-lg font-semibold tracking-tight">
            Asset Desk
          </Link>
          {/* Hiding links is a courtesy; every page and action checks the role itself. */}
          <nav aria-label="Main" className="flex gap-1">
            {NAV.filter((item) => can(user.role, item.capability)).map((item) => (
              <NavLink key={item.href} href={item.href}>
                {item.label}
              </NavLink>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm" aria-label="Signed-in user">
            <span>
              <span className="font-medium">{user.name}</span> <span className="text-slate-500">({user.email})</span>
            </span>
            <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium capitalize text-slate-700">
              {user.role}
            </span>
            <SignOutButton />
            <SignOutEverywhereButton />
          </div>
        </div>
      </header>
      <main className="mx-auto w-full max-w-screen-2xl flex-1 px-4 py-6">{children}</main>
    </div>
  );
}

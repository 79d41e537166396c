import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { deskOrigin } from "@/lib/auth/origin";
import { safeRedirect } from "@/lib/auth/redirect";
import { currentActor } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Only places on the desk: an open redirect through the login page would help phishing.
  const callbackUrl = safeRedirect((await searchParams).callbackUrl, deskOrigin(await headers()));
  if (await currentActor()) redirect(callbackUrl);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-xl font-semibold">Sign in to Asset Desk</h1>
        <p className="mt-1 text-sm text-slate-600">Use the email and password your admin gave you.</p>
        <LoginForm callbackUrl={callbackUrl} />
      </div>
    </main>
  );
}

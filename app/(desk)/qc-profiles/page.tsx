import type { Metadata } from "next";
import { NotAllowed } from "@/components/auth/not-allowed";
import { PageHeader } from "@/components/ui/page-header";
import { ProfileForm, ProfileRowActions } from "@/components/qc/profile-forms";
import { can } from "@/lib/auth/permissions";
import { pageActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listQcProfiles } from "@/lib/qc/profiles";

export const metadata: Metadata = { title: "QC profiles" };

export default async function QcProfilesPage() {
  const actor = await pageActor();
  if (!can(actor.role, "qc.profiles")) return <NotAllowed what="manage QC profiles" />;
  const profiles = await listQcProfiles(await getDb());
  return (
    <>
      <PageHeader
        title="QC profiles"
        description="The thresholds QC judges a file by. New QC runs use the default profile; changing a profile re-judges the results measured under it."
      />
      <section aria-labelledby="new-profile" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="new-profile" className="mb-3 text-base font-semibold">
          New profile
        </h2>
        <ProfileForm />
      </section>
      <ul className="space-y-4">
        {profiles.map((profile) => (
          <li key={profile.uuid} aria-label={profile.name} className="rounded-lg border border-slate-200 bg-white p-4">
            <div className="mb-3 flex items-center gap-3">
              <h2 className="text-base font-semibold">{profile.name}</h2>
              {profile.isDefault ? (
                <span className="rounded bg-emerald-100 px-2 py-0.5 text-xs text-emerald-800">default</span>
              ) : null}
              <span className="text-xs text-slate-500">{profile.results} result(s)</span>
              <ProfileRowActions profile={profile} />
            </div>
            <ProfileForm profile={profile} />
          </li>
        ))}
      </ul>
    </>
  );
}

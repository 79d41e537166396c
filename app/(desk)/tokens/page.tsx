import type { Metadata } from "next";
import { NotAllowed } from "@/components/auth/not-allowed";
import { CreateTokenForm, RevokeTokenForm } from "@/components/tokens/token-forms";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyRow, Table, Td, Th } from "@/components/ui/table";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { can } from "@/lib/auth/permissions";
import { pageActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { formatDateTime } from "@/lib/format";
import { listUsers } from "@/lib/users/manage";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const actor = await pageActor();
  if (!can(actor.role, "admin.manage")) return <NotAllowed what="manage API tokens" />;
  const db = await getDb();
  const [tokens, users] = await Promise.all([listApiTokens(db), listUsers(db)]);
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Integrations call /api/v1 with a token, as its owner: the owner's current role decides what it may do."
      />
      <section aria-labelledby="new-token" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="new-token" className="mb-3 text-base font-semibold">
          New token
        </h2>
        <CreateTokenForm owners={users.filter((user) => !user.disabled).map(({ email, role }) => ({ email, role }))} />
      </section>
      <Table caption="API tokens">
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Owner</Th>
            <Th>Token</Th>
            <Th>Created</Th>
            <Th>Last used</Th>
            <Th>Status</Th>
          </tr>
        </thead>
        <tbody>
          {tokens.length === 0 ? <EmptyRow colSpan={6}>No API tokens yet.</EmptyRow> : null}
          {tokens.map((token) => (
            <tr key={token.uuid} aria-label={token.name}>
              <Td className="font-medium">{token.name}</Td>
              <Td>
                <div>{token.owner.email}</div>
                <div className="text-xs capitalize text-slate-500">{token.owner.role}</div>
              </Td>
              <Td className="font-mono text-xs">{token.prefix}…</Td>
              <Td className="whitespace-nowrap">{formatDateTime(token.createdAt)}</Td>
              <Td className="whitespace-nowrap">{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : "Never"}</Td>
              <Td>
                {token.revokedAt ? (
                  <span className="text-red-700">Revoked {formatDateTime(token.revokedAt)}</span>
                ) : (
                  <div className="flex flex-wrap items-center gap-2">
                    {/* A disabled owner's tokens are refused until the owner is enabled again. */}
                    {token.owner.disabled ? (
                      <span className="text-amber-700">Owner disabled</span>
                    ) : (
                      <span className="text-emerald-700">Active</span>
                    )}
                    <RevokeTokenForm tokenUuid={token.uuid} name={token.name} />
                  </div>
                )}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}

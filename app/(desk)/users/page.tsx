import type { Metadata } from "next";
import { NotAllowed } from "@/components/auth/not-allowed";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyRow, Table, Td, Th } from "@/components/ui/table";
import {
  CreateUserForm,
  EndSessionsForm,
  ResetPasswordForm,
  RoleForm,
  ToggleDisabledForm,
} from "@/components/users/user-forms";
import { can } from "@/lib/auth/permissions";
import { pageActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { formatDateTime } from "@/lib/format";
import { listUsers } from "@/lib/users/manage";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await pageActor();
  if (!can(actor.role, "admin.manage")) return <NotAllowed what="manage users" />;
  const users = await listUsers(await getDb());
  return (
    <>
      <PageHeader
        title="Users"
        description="Who may sign in, and with which role. Changes apply at the user's next request; a password reset, a disable or a lower role also signs them out everywhere."
      />
      <section aria-labelledby="new-user" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="new-user" className="mb-3 text-base font-semibold">
          New user
        </h2>
        <CreateUserForm />
      </section>
      <Table caption="Users">
        <thead>
          <tr>
            <Th>User</Th>
            <Th>Role</Th>
            <Th>Status</Th>
            <Th>Password</Th>
            <Th>Sessions</Th>
            <Th>Created</Th>
          </tr>
        </thead>
        <tbody>
          {users.length === 0 ? <EmptyRow colSpan={6}>No users.</EmptyRow> : null}
          {users.map((user) => (
            <tr key={user.uuid} aria-label={user.email}>
              <Td>
                <div className="font-medium">{user.name}</div>
                <div className="text-xs text-slate-500">{user.email}</div>
              </Td>
              <Td>
                <RoleForm userUuid={user.uuid} email={user.email} role={user.role} />
              </Td>
              <Td>
                <ToggleDisabledForm
                  userUuid={user.uuid}
                  email={user.email}
                  disabled={user.disabled}
                  self={user.uuid === actor.uuid}
                />
              </Td>
              <Td>
                <ResetPasswordForm userUuid={user.uuid} email={user.email} />
              </Td>
              <Td>
                <EndSessionsForm userUuid={user.uuid} email={user.email} />
              </Td>
              <Td className="whitespace-nowrap">{formatDateTime(user.createdAt)}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}

"use client";

import { useActionState } from "react";
import {
  createUserAction,
  endUserSessionsAction,
  resetUserPasswordAction,
  setUserDisabledAction,
  setUserRoleAction,
} from "@/app/(desk)/users/actions";
import { FieldError, FormStatus } from "@/components/ui/form-status";
import { ROLES } from "@/lib/auth/permissions";

const input = "rounded border border-slate-300 px-2 py-1 text-sm";
const button = "rounded bg-slate-900 px-3 py-1 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60";

export function CreateUserForm() {
  const [state, action, pending] = useActionState(createUserAction, null);
  return (
    <form action={action} className="flex flex-wrap items-start gap-3" key={state?.ok ? state.uuid : "new"}>
      <div>
        <label htmlFor="new-email" className="block text-xs font-medium">
          Email
        </label>
        <input id="new-email" name="email" type="email" required className={input} />
        <FieldError state={state} name="email" />
      </div>
      <div>
        <label htmlFor="new-name" className="block text-xs font-medium">
          Name
        </label>
        <input id="new-name" name="name" required className={input} />
        <FieldError state={state} name="name" />
      </div>
      <div>
        <label htmlFor="new-role" className="block text-xs font-medium">
          Role
        </label>
        <select id="new-role" name="role" defaultValue="operator" className={input}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {role}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="new-password" className="block text-xs font-medium">
          Password
        </label>
        <input
          id="new-password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          className={input}
        />
        <FieldError state={state} name="password" />
      </div>
      <div className="self-end">
        <button type="submit" disabled={pending} className={button}>
          Create user
        </button>
      </div>
      <div className="w-full">
        <FormStatus state={state} success="User created." />
      </div>
    </form>
  );
}

export function RoleForm({ userUuid, email, role }: { userUuid: string; email: string; role: string }) {
  const [state, action, pending] = useActionState(setUserRoleAction, null);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="userUuid" value={userUuid} />
      <select name="role" defaultValue={role} aria-label={`Role of ${email}`} className={input}>
        {ROLES.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
      <button type="submit" disabled={pending} className={button} aria-label={`Save role of ${email}`}>
        Save
      </button>
      <FormStatus state={state} success="Saved." />
    </form>
  );
}

export function ToggleDisabledForm({
  userUuid,
  email,
  disabled,
  self,
}: {
  userUuid: string;
  email: string;
  disabled: boolean;
  self: boolean;
}) {
  const [state, action, pending] = useActionState(setUserDisabledAction, null);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="userUuid" value={userUuid} />
      <input type="hidden" name="disabled" value={disabled ? "false" : "true"} />
      <span className={disabled ? "text-red-700" : "text-emerald-700"}>{disabled ? "Disabled" : "Active"}</span>
      {self ? null : (
        <button
          type="submit"
          disabled={pending}
          className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100"
          aria-label={`${disabled ? "Enable" : "Disable"} ${email}`}
        >
          {disabled ? "Enable" : "Disable"}
        </button>
      )}
      <FormStatus state={state} />
    </form>
  );
}

export function ResetPasswordForm({ userUuid, email }: { userUuid: string; email: string }) {
  const [state, action, pending] = useActionState(resetUserPasswordAction, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2" key={state?.ok ? "done" : "edit"}>
      <input type="hidden" name="userUuid" value={userUuid} />
      <input
        name="password"
        type="password"
        autoComplete="new-password"
        placeholder="New password"
        aria-label={`New password for ${email}`}
        className={input}
      />
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100"
        aria-label={`Reset password of ${email}`}
      >
        Reset
      </button>
      <FieldError state={state} name="password" />
      <FormStatus state={state} success="Password reset." />
    </form>
  );
}

export function EndSessionsForm({ userUuid, email }: { userUuid: string; email: string }) {
  const [state, action, pending] = useActionState(endUserSessionsAction, null);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="userUuid" value={userUuid} />
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100"
        aria-label={`Sign out ${email} everywhere`}
      >
        Sign out everywhere
      </button>
      <FormStatus state={state} success="Signed out everywhere." />
    </form>
  );
}

import { userInfo } from "node:os";
import { createInterface } from "node:readline";
import type { AuditActor } from "@/lib/audit/write";
import { getDb } from "@/lib/db";
import { formatDateTime } from "@/lib/format";
import { createUser, findUserUuidByEmail, listUsers, setUserDisabled, setUserRole } from "@/lib/users/manage";
import { newUserSchema, roleSchema } from "@/lib/users/schemas";

// `asset-desk users …`: the same lib/users functions the admin page calls, acting as the person
// logged in to the server (recorded in the audit log as cli:<login>).
export const cliActor = (): AuditActor => ({ id: null, uuid: null, email: `cli:${userInfo().username}` });

/**
 * A secret from standard input (a password, a media server's token): the first line of a pipe, or
 * typed at a prompt without echo (on standard error, so standard output stays the command's own).
 */
export async function readHiddenLine(prompt: string): Promise<string> {
  const lines = createInterface({
    input: process.stdin,
    output: process.stdin.isTTY ? process.stderr : undefined,
    terminal: process.stdin.isTTY,
  });
  if (process.stdin.isTTY) {
    process.stderr.write(prompt);
    const write = lines as unknown as { _writeToOutput: (text: string) => void };
    write._writeToOutput = () => undefined;
  }
  try {
    for await (const line of lines) return line;
    return "";
  } finally {
    lines.close();
    if (process.stdin.isTTY) process.stderr.write("\n");
  }
}

function fail(message: string): never {
  throw new Error(message);
}

export async function runUsersCommand(
  sub: string | undefined,
  values: { email?: string; role?: string; name?: string },
): Promise<number> {
  const db = await getDb();
  switch (sub) {
    case "list": {
      const users = await listUsers(db);
      for (const user of users) {
        console.log(
          [
            user.uuid,
            user.email.padEnd(32),
            user.role.padEnd(8),
            user.disabled ? "disabled" : "active  ",
            formatDateTime(user.createdAt),
          ].join("  "),
        );
      }
      if (users.length === 0)
        console.log(
          "No users yet. Create the first admin with: npx asset-desk users create --email you@example.org --role admin",
        );
      return 0;
    }
    case "create": {
      const password = await readHiddenLine("Password (not shown): ");
      const input = newUserSchema.safeParse({
        email: values.email,
        name: values.name ?? values.email?.split("@")[0],
        role: values.role ?? "operator",
        password,
      });
      if (!input.success)
        fail(input.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("\n"));
      const user = await createUser(db, cliActor(), input.data);
      console.log(`Created ${user.email} (${user.role}), uuid ${user.uuid}.`);
      return 0;
    }
    case "set-role": {
      const role = roleSchema.safeParse(values.role);
      if (!role.success) fail("--role must be operator, editor or admin");
      const userUuid = await findUserUuidByEmail(db, values.email ?? fail("--email is required"));
      const result = await setUserRole(db, cliActor(), { userUuid, role: role.data });
      console.log(
        result.changed ? `${values.email} is now ${role.data}.` : `${values.email} already was ${role.data}.`,
      );
      return 0;
    }
    case "disable":
    case "enable": {
      const userUuid = await findUserUuidByEmail(db, values.email ?? fail("--email is required"));
      const result = await setUserDisabled(db, cliActor(), { userUuid, disabled: sub === "disable" });
      console.log(result.changed ? `${values.email} is ${sub}d.` : `${values.email} already was ${sub}d.`);
      return 0;
    }
    default:
      fail(`Unknown users command "${sub ?? ""}": use list, create, set-role, disable or enable.`);
  }
}

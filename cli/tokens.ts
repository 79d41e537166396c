import { cliActor } from "@/cli/users";
import { createApiToken, listApiTokens, revokeApiToken, tokenNameSchema } from "@/lib/auth/api-tokens";
import { getDb } from "@/lib/db";
import { KnownError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { parseUuid } from "@/lib/uuid";

// `asset-desk tokens …`: the same lib/auth/api-tokens functions the API tokens page calls, acting
// as the person logged in to the server. `tokens create` prints the secret, and only the secret,
// on standard output (TOKEN=$(npx asset-desk tokens create …)); everything else goes to stderr.

function fail(message: string): never {
  throw new Error(message);
}

export async function runTokensCommand(args: string[], values: { user?: string; name?: string }): Promise<number> {
  const db = await getDb();
  const [sub, uuidArgument] = args;
  switch (sub) {
    case "create": {
      const ownerEmail = values.user ?? fail("--user is required: the email of the user the token acts as");
      const name = tokenNameSchema.safeParse(values.name ?? "CLI token");
      if (!name.success) fail(`--name: ${name.error.issues.map((issue) => issue.message).join(" ")}`);
      // The lib's field messages are written for the form ("No user has this email."); its message names the email.
      const token = await createApiToken(db, cliActor(), { ownerEmail, name: name.data }).catch((error: unknown) => {
        throw error instanceof KnownError ? new Error(error.message) : error;
      });
      console.error(
        `Created token "${token.name}" (${token.uuid}) for ${token.ownerEmail}. Store it now: it will not be shown again.`,
      );
      process.stdout.write(`${token.secret}\n`);
      return 0;
    }
    case "list": {
      const tokens = await listApiTokens(db);
      for (const token of tokens) {
        const status = token.revokedAt ? "revoked " : token.owner.disabled ? "disabled" : "active  ";
        const used = token.lastUsedAt ? `used ${formatDateTime(token.lastUsedAt)}` : "never used";
        console.log(
          [
            token.uuid,
            `${token.prefix}…`,
            status,
            token.owner.email.padEnd(32),
            token.owner.role.padEnd(8),
            formatDateTime(token.createdAt),
            used,
            token.name,
          ].join("  "),
        );
      }
      if (tokens.length === 0)
        console.log(
          "No API tokens yet. Create one with: npx asset-desk tokens create --user someone@example.org --name NAME",
        );
      return 0;
    }
    case "revoke": {
      const uuid = parseUuid(uuidArgument) ?? fail("Give the token's uuid (from tokens list): tokens revoke UUID");
      await revokeApiToken(db, cliActor(), uuid);
      console.log(`Revoked token ${uuid}; requests with it are refused from now on.`);
      return 0;
    }
    default:
      fail(`Unknown tokens command "${sub ?? ""}": use create, list or revoke.`);
  }
}

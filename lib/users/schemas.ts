import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";

// Input rules shared by the users page, its actions and the CLI.
export const passwordSchema = z.string().min(12, "Use at least 12 characters.").max(256, "Use at most 256 characters.");

export const roleSchema = z.enum(ROLES, { error: "Choose operator, editor or admin." });

export const newUserSchema = z.strictObject({
  email: z.email("Enter a valid email address.").max(320),
  name: z.string().trim().min(1, "Enter a name.").max(200),
  role: roleSchema,
  password: passwordSchema,
});

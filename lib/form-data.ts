/** A form's text fields as a plain object for zod; React's own hidden `$ACTION…` fields are left out. */
export function formFields(formData: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (!key.startsWith("$ACTION") && typeof value === "string") fields[key] = value;
  }
  return fields;
}

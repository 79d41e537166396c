import { cliActor } from "@/cli/users";
import { tagsFieldSchema } from "@/lib/assets/tags";
import { assetReferenceSchema } from "@/lib/catalog/asset-reference";
import { findCatalogEntry } from "@/lib/catalog/detail";
import { catalogEntryNotFound, catalogTitleSchema, editCatalogEntry } from "@/lib/catalog/edit";
import { replaceCatalogSource } from "@/lib/catalog/replace-source";
import { getDb } from "@/lib/db";
import type { z } from "zod";
import { parseUuid } from "@/lib/uuid";

// `asset-desk catalog …`: the same lib/catalog functions the entry page and the REST API call,
// acting as the person logged in to the server (audited as cli:<login>), who sees every asset.

function fail(message: string): never {
  throw new Error(message);
}

function parsed<S extends z.ZodType>(schema: S, value: unknown, option: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) fail(`${option}: ${result.error.issues.map((issue) => issue.message).join(" ")}`);
  return result.data;
}

export async function runCatalogCommand(
  args: string[],
  values: { title?: string; tags?: string; asset?: string },
): Promise<number> {
  const db = await getDb();
  const [sub, uuidArgument] = args;
  const uuid = () => parseUuid(uuidArgument) ?? fail(`Give the catalog entry's uuid: catalog ${sub} UUID`);
  switch (sub) {
    case "edit": {
      if (values.title === undefined && values.tags === undefined) fail("Give --title, --tags or both.");
      const catalogUuid = uuid();
      const title = values.title === undefined ? undefined : parsed(catalogTitleSchema, values.title, "--title");
      const tags = values.tags === undefined ? undefined : parsed(tagsFieldSchema, values.tags, "--tags");
      // The command edits the entry as it is now: it reads the version, and a change made in between is still refused.
      const entry = (await findCatalogEntry(db, catalogUuid)) ?? fail(catalogEntryNotFound().message);
      const result = await editCatalogEntry(db, cliActor(), { uuid: catalogUuid, version: entry.version, title, tags });
      console.log(
        result.changed.length
          ? `Changed ${result.changed.join(" and ")} of catalog entry ${catalogUuid} (version ${result.version}).`
          : `Nothing to change in catalog entry ${catalogUuid}.`,
      );
      return 0;
    }
    case "replace-source": {
      const catalogUuid = uuid();
      const assetUuid = parsed(assetReferenceSchema, values.asset ?? "", "--asset");
      const result = await replaceCatalogSource(db, { ...cliActor(), role: "server" }, { catalogUuid, assetUuid });
      console.log(
        [
          `Catalog entry ${catalogUuid} now plays asset ${assetUuid}.`,
          `  before: ${result.previous.filePath} (asset ${result.previous.assetUuid ?? "removed"})`,
          `  after:  ${result.current.filePath}`,
          `Undo from the audit log: batch ${result.batchUuid}.`,
        ].join("\n"),
      );
      return 0;
    }
    default:
      fail(`Unknown catalog command "${sub ?? ""}": use edit or replace-source.`);
  }
}

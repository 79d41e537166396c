import { Fragment } from "react";
import type { JsonSchema } from "@/lib/api/openapi";

// A JSON Schema from the OpenAPI document, for people: named schemas are links, objects are
// tables of their properties (nested objects inside them), unions read "or", null reads "nullable".

export const schemaAnchor = (name: string) => `schema-${name}`;
export const refName = (ref: string) => ref.slice(ref.lastIndexOf("/") + 1);

const variantsOf = (schema: JsonSchema) => schema.anyOf ?? schema.oneOf;
const withoutNull = (variants: JsonSchema[]) => variants.filter((variant) => variant.type !== "null");

/** What a value is, in a few words. */
export function TypeLabel({ schema }: { schema: JsonSchema }) {
  if (schema.$ref) {
    const name = refName(schema.$ref);
    return (
      <a href={`#${schemaAnchor(name)}`} className="font-mono text-sky-700 underline">
        {name}
      </a>
    );
  }
  const variants = variantsOf(schema);
  if (variants) {
    const kept = withoutNull(variants);
    return (
      <>
        {kept.map((variant, index) => (
          <Fragment key={index}>
            {index > 0 ? " or " : null}
            <TypeLabel schema={variant} />
          </Fragment>
        ))}
        {kept.length < variants.length ? <span className="text-slate-500">, nullable</span> : null}
      </>
    );
  }
  if (schema.enum) return <>one of {schema.enum.map((value) => JSON.stringify(value)).join(", ")}</>;
  if (schema.type === "array")
    return (
      <>
        array of <TypeLabel schema={schema.items as JsonSchema} />
      </>
    );
  if (schema.type === "object" && !schema.properties && typeof schema.additionalProperties === "object") {
    const keys = schema.propertyNames as JsonSchema | undefined;
    return (
      <>
        map of {keys?.enum ? `(${keys.enum.join(" | ")})` : "string"} →{" "}
        <TypeLabel schema={schema.additionalProperties} />
      </>
    );
  }
  if (schema.type === undefined) return <>any JSON</>;
  const types = [schema.type].flat();
  const named = types.filter((type) => type !== "null").join(" or ");
  return (
    <>
      {schema.format ? `${named} (${schema.format})` : named}
      {types.includes("null") ? <span className="text-slate-500">, nullable</span> : null}
    </>
  );
}

/** The object that the value is, or is an array of, or may be (besides null), when it is written out here. */
function inlineObject(schema: JsonSchema): JsonSchema | undefined {
  if (schema.properties) return schema;
  if (schema.type === "array" && schema.items && typeof schema.items === "object" && !Array.isArray(schema.items))
    return inlineObject(schema.items);
  const kept = withoutNull(variantsOf(schema) ?? []);
  return kept.length === 1 ? inlineObject(kept[0]!) : undefined;
}

/** A schema written out: an object's properties, each variant of a union, or its type. */
export function SchemaView({ schema }: { schema: JsonSchema }) {
  const variants = variantsOf(schema);
  if (!schema.properties && variants && withoutNull(variants).every((variant) => variant.properties)) {
    return (
      <ol className="space-y-2">
        {withoutNull(variants).map((variant, index) => (
          <li key={index}>
            <p className="mb-1 text-xs font-medium text-slate-600">{index === 0 ? "Either" : "or"}</p>
            <SchemaView schema={variant} />
          </li>
        ))}
      </ol>
    );
  }
  if (!schema.properties) return <TypeLabel schema={schema} />;
  const required = new Set(schema.required ?? []);
  return (
    <table className="w-full text-left text-sm">
      <thead>
        <tr className="text-xs text-slate-500">
          <th scope="col" className="w-44 py-1 pr-3 font-medium">
            Property
          </th>
          <th scope="col" className="w-1/3 py-1 pr-3 font-medium">
            Type
          </th>
          <th scope="col" className="py-1 font-medium">
            Description
          </th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(schema.properties).map(([name, property]) => {
          const value = property as JsonSchema;
          const nested = inlineObject(value);
          return (
            <tr key={name} className="border-t border-slate-100 align-top">
              <td className="py-1 pr-3 font-mono text-xs">
                {name}
                {required.has(name) ? null : <span className="text-slate-400">?</span>}
              </td>
              <td className="py-1 pr-3 text-xs">
                <TypeLabel schema={value} />
              </td>
              <td className="py-1 text-xs text-slate-600">
                {value.description}
                {nested ? (
                  <div className="mt-1 rounded border border-slate-100 bg-slate-50 p-2">
                    <SchemaView schema={nested} />
                  </div>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

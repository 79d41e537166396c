import type { OpenApiOperation, OpenApiResponse } from "@/lib/api/openapi";
import { PROBLEMS, type ProblemCode } from "@/lib/api/problem";
import { SchemaView, TypeLabel } from "@/components/api-docs/schema-view";

// One operation of the OpenAPI document: method and path, who may call it, its parameters, its
// body, what it answers and which problems it can give.

const METHOD_STYLE: Record<string, string> = {
  get: "bg-emerald-100 text-emerald-800",
  post: "bg-sky-100 text-sky-800",
};
const CODE_BY_STATUS = new Map(
  Object.entries(PROBLEMS).map(([code, { status }]) => [String(status), code as ProblemCode]),
);

export function OperationView({
  method,
  path,
  operation,
}: {
  method: string;
  path: string;
  operation: OpenApiOperation;
}) {
  const required = operation["x-required-capability"];
  const responses = Object.entries(operation.responses);
  const successes = responses.filter((entry): entry is [string, OpenApiResponse] => !("$ref" in entry[1]));
  const problems = responses.filter(([, response]) => "$ref" in response).map(([status]) => status);
  const body = operation.requestBody;
  return (
    <article
      id={operation.operationId}
      aria-labelledby={`${operation.operationId}-title`}
      className="rounded-lg border border-slate-200 bg-white p-4"
    >
      <h3 id={`${operation.operationId}-title`} className="flex flex-wrap items-center gap-2 font-mono text-sm">
        <span className={`rounded px-2 py-0.5 text-xs font-semibold uppercase ${METHOD_STYLE[method] ?? ""}`}>
          {method}
        </span>
        <span className="break-all font-semibold">/api/v1{path}</span>
        <span className="font-sans text-xs font-normal text-slate-500">{operation.operationId}</span>
      </h3>
      <p className="mt-2 text-sm">{operation.summary}</p>
      {operation.description ? <p className="mt-1 text-sm text-slate-600">{operation.description}</p> : null}
      <p className="mt-2 text-xs text-slate-600">
        {required ? (
          <>
            Roles: <span className="font-medium capitalize">{required.roles.join(", ")}</span>{" "}
            <span className="text-slate-400">({required.name})</span>
          </>
        ) : (
          "Public: no token needed."
        )}
      </p>

      {operation.parameters?.length ? (
        <section className="mt-3">
          <h4 className="text-xs font-semibold uppercase text-slate-500">Parameters</h4>
          <table className="mt-1 w-full text-left text-xs">
            <tbody>
              {operation.parameters.map((parameter) => (
                <tr key={`${parameter.in} ${parameter.name}`} className="border-t border-slate-100 align-top">
                  <td className="w-40 py-1 pr-3 font-mono">{parameter.name}</td>
                  <td className="w-16 py-1 pr-3 text-slate-500">{parameter.in}</td>
                  <td className="py-1 text-slate-600">
                    {parameter.description ?? <TypeLabel schema={parameter.schema} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      {body ? (
        <section className="mt-3">
          <h4 className="text-xs font-semibold uppercase text-slate-500">
            Body (JSON{body.required ? "" : ", may be left out"})
          </h4>
          <div className="mt-1 text-xs">
            <SchemaView schema={body.content["application/json"]!.schema} />
          </div>
        </section>
      ) : null}

      <section className="mt-3">
        <h4 className="text-xs font-semibold uppercase text-slate-500">Answers</h4>
        <ul className="mt-1 space-y-1 text-xs">
          {successes.map(([status, response]) => (
            <li key={status}>
              <span className="font-mono font-semibold">{status}</span> {response.description}{" "}
              {Object.entries(response.content ?? {}).map(([type, media]) => (
                <span key={type} className="text-slate-600">
                  {media.schema ? <TypeLabel schema={media.schema} /> : <code>{type}</code>}
                </span>
              ))}
            </li>
          ))}
          <li>
            <a href="#problems" className="text-sky-700 underline">
              Problems
            </a>
            : {problems.map((status) => `${status} ${CODE_BY_STATUS.get(status) ?? ""}`).join(", ")}
          </li>
        </ul>
      </section>
    </article>
  );
}

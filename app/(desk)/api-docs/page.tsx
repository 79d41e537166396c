import type { Metadata } from "next";
import Link from "next/link";
import { OperationView } from "@/components/api-docs/operation-view";
import { SchemaView, schemaAnchor } from "@/components/api-docs/schema-view";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { PROBLEM_WHEN, openApiDocument } from "@/lib/api/openapi";
import { PROBLEMS, type ProblemCode } from "@/lib/api/problem";

export const metadata: Metadata = { title: "API" };

// The REST API for people, rendered from the same OpenAPI document that /api/v1/openapi.json serves.

const prose = "max-w-3xl space-y-2 text-sm text-slate-700";
const code = "rounded bg-slate-100 px-1 font-mono text-xs";

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="mb-8">
      <h2 id={id} className="mb-3 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default function ApiDocsPage() {
  const document = openApiDocument();
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
  );
  return (
    <>
      <PageHeader
        title="API"
        description={`REST for integrations at /api/v1 (version ${document.info.version}). Uuids only; sizes as decimal strings; times ISO 8601 in UTC.`}
      >
        <a
          href="/api/v1/openapi.json"
          className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50"
        >
          OpenAPI 3.1 document (JSON)
        </a>
      </PageHeader>

      <Section id="auth" title="Authentication">
        <div className={prose}>
          <p>
            Send a personal API token as <code className={code}>Authorization: Bearer &lt;token&gt;</code>. Admins
            create tokens on the{" "}
            <Link href="/tokens" className="text-sky-700 underline">
              API tokens
            </Link>{" "}
            page or with <code className={code}>npx asset-desk tokens create --user EMAIL</code>; the secret is shown
            once. A token acts as its owner, with the owner&apos;s current role, and may make a limited number of
            requests a minute (429 with <code className={code}>Retry-After</code> beyond). In the browser, your session
            works too.
          </p>
          <pre className="overflow-x-auto rounded bg-slate-900 p-3 font-mono text-xs text-slate-100">{`curl -H "Authorization: Bearer $TOKEN" "$DESK/api/v1/assets?status=approved&sort=size&per=50"`}</pre>
        </div>
      </Section>

      <Section id="paging" title="Paging">
        <div className={prose}>
          <p>
            Lists answer <code className={code}>{"{ items, next, previous }"}</code>. To move, repeat the request with
            the same filters and sort, adding <code className={code}>after=</code> the{" "}
            <code className={code}>next</code> cursor (or <code className={code}>before=</code> the{" "}
            <code className={code}>previous</code> one); <code className={code}>null</code> means there is no such page.{" "}
            <code className={code}>per</code> sets the page size. The query parameters are the desk&apos;s own: a
            table&apos;s URL on the desk is a valid query here.
          </p>
        </div>
      </Section>

      <Section id="problems" title="Problems">
        <div className={`${prose} mb-3`}>
          <p>
            Errors are <code className={code}>application/problem+json</code> (RFC 9457), a{" "}
            <a href={`#${schemaAnchor("Problem")}`} className="text-sky-700 underline">
              Problem
            </a>
            : programs branch on <code className={code}>code</code>; <code className={code}>detail</code> is for people;
            invalid input names its fields in <code className={code}>errors</code>. Quote the{" "}
            <code className={code}>X-Request-Id</code> header when reporting a failure.
          </p>
        </div>
        <Table caption="Problem codes">
          <thead>
            <tr>
              <Th>Status</Th>
              <Th>Code</Th>
              <Th>Title</Th>
              <Th>When</Th>
            </tr>
          </thead>
          <tbody>
            {(Object.entries(PROBLEMS) as Array<[ProblemCode, (typeof PROBLEMS)[ProblemCode]]>).map(
              ([problemCode, { status, title }]) => (
                <tr key={problemCode}>
                  <Td className="font-mono">{status}</Td>
                  <Td className="font-mono">{problemCode}</Td>
                  <Td>{title}</Td>
                  <Td className="text-slate-600">{PROBLEM_WHEN[problemCode]}</Td>
                </tr>
              ),
            )}
          </tbody>
        </Table>
      </Section>

      {document.tags.map((tag) => (
        <Section key={tag.name} id={`tag-${tag.name}`} title={tag.name}>
          <p className="-mt-2 mb-3 text-sm text-slate-600">{tag.description}</p>
          <div className="space-y-3">
            {operations
              .filter(({ operation }) => operation.tags.includes(tag.name))
              .map(({ path, method, operation }) => (
                <OperationView key={operation.operationId} method={method} path={path} operation={operation} />
              ))}
          </div>
        </Section>
      ))}

      <Section id="schemas" title="Schemas">
        <div className="space-y-3">
          {Object.entries(document.components.schemas).map(([name, schema]) => (
            <article
              key={name}
              id={schemaAnchor(name)}
              aria-labelledby={`${schemaAnchor(name)}-title`}
              className="rounded-lg border border-slate-200 bg-white p-4"
            >
              <h3 id={`${schemaAnchor(name)}-title`} className="font-mono text-sm font-semibold">
                {name}
              </h3>
              {schema.description ? <p className="mb-2 mt-1 text-sm text-slate-600">{schema.description}</p> : null}
              <SchemaView schema={schema} />
            </article>
          ))}
        </div>
      </Section>
    </>
  );
}

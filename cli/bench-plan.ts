// The benchmark's plan check: a page of 50 must never read the whole assets table or sort a large
// part of it. A top-N sort of a small filtered set is fine.

/** One node of `EXPLAIN (FORMAT JSON)`. */
export interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Plan Rows": number;
  Plans?: PlanNode[];
}

/** Sorting more rows than this means sorting the table (or most of a filter) for one page. */
export const SORT_INPUT_LIMIT = 10_000;

/** What is wrong with a plan, one message per offending node. */
export function planProblems(node: PlanNode): string[] {
  const problems: string[] = [];
  if (node["Node Type"] === "Seq Scan" && node["Relation Name"] === "assets") {
    problems.push(`Seq Scan on assets (estimated ${node["Plan Rows"].toLocaleString("en")} rows)`);
  }
  if (node["Node Type"] === "Sort" || node["Node Type"] === "Incremental Sort") {
    const input = node.Plans?.[0]?.["Plan Rows"] ?? 0;
    if (input > SORT_INPUT_LIMIT)
      problems.push(`${node["Node Type"]} of ${Math.round(input).toLocaleString("en")} estimated input rows`);
  }
  return [...problems, ...(node.Plans ?? []).flatMap(planProblems)];
}

// The one table every benchmark reports into (`npm run bench` prints it for all of them): a
// measure, its figure, the floor it is judged against when there is one (measured in the same
// run: the same SQL through plain pg, openssl on all cores, ...), the ratio, the goal, and whether
// the goal was met.

export interface BenchRow {
  /** What was measured, e.g. "list · pending · size asc · first page p95". */
  measure: string;
  figure: number;
  /** Unit of figure and floor: "ms", "s", "files/s", ... */
  unit: string;
  /** What the figure is judged against, measured in the same run; null when the goal is absolute. */
  floor: number | null;
  /** The goal in words, e.g. "≤ 50 ms and ≤ 1.5× floor", "≥ 20,000 files/s". */
  goal: string;
  met: boolean;
}

export class BenchTable {
  readonly rows: BenchRow[] = [];

  add(row: BenchRow): BenchRow {
    this.rows.push(row);
    return row;
  }

  /** The table as Markdown (also what the terminal shows). */
  render(): string {
    const header = ["measure", "figure", "floor", "ratio", "goal", "met"];
    const body = this.rows.map((row) => [
      row.measure,
      `${formatFigure(row.figure)} ${row.unit}`,
      row.floor === null ? "–" : `${formatFigure(row.floor)} ${row.unit}`,
      row.floor === null || row.floor === 0 ? "–" : `${(row.figure / row.floor).toFixed(2)}×`,
      row.goal,
      row.met ? "yes" : "**no**",
    ]);
    const widths = header.map((cell, i) => Math.max(cell.length, ...body.map((line) => line[i]!.length)));
    const line = (cells: string[]) =>
      `| ${cells.map((cell, i) => (i === 0 || i === 4 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(" | ")} |`;
    const rule = `|${widths.map((width, i) => (i === 0 || i === 4 ? `:${"-".repeat(width + 1)}` : `${"-".repeat(width + 1)}:`)).join("|")}|`;
    return [line(header), rule, ...body.map(line)].join("\n");
  }
}

function formatFigure(value: number): string {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

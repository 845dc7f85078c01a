/** Plain-text tables with aligned columns, for terminals and logs. */

/** One column: its header and how to read a cell from a row. */
export interface Column<R> {
  header: string;
  value: (row: R) => string | number | undefined;
}

/**
 * Formats rows as a table with a header line and columns padded to their widest cell.
 *
 * @example
 * formatTable({ rows: [{ n: "a" }], columns: [{ header: "NAME", value: (r) => r.n }] });
 * // "NAME\na\n"
 */
export function formatTable<R>({
  rows,
  columns,
}: {
  rows: readonly R[];
  columns: Column<R>[];
}): string {
  const cells = rows.map((row) => columns.map((c) => String(c.value(row) ?? "-")));
  const widths = columns.map((c, i) =>
    Math.max(c.header.length, ...cells.map((r) => r[i]?.length ?? 0)),
  );
  const line = (values: string[]) =>
    values
      .map((v, i) => (i === values.length - 1 ? v : v.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return `${[line(columns.map((c) => c.header)), ...cells.map(line)].join("\n")}\n`;
}

import { Table } from "@mantine/core";
import type { ReactNode } from "react";
import "./charts.css";

/** The text alternative of a chart: a table behind a "Show as a table" disclosure. */
export function ChartTable({
  caption,
  headers,
  rows,
}: {
  caption: string;
  headers: string[];
  rows: { key: string; cells: ReactNode[] }[];
}) {
  return (
    <details className="lantern-chart__details">
      <summary>Show as a table</summary>
      {rows.length === 0 ? (
        <p>Nothing to show yet.</p>
      ) : (
        // A long table scrolls inside its box, so the box takes focus for keyboard scrolling.
        <section className="lantern-chart__table-wrap" aria-label={`${caption}, as a table`} tabIndex={0}>
          <Table striped withTableBorder fz="sm">
            <caption>{caption}</caption>
            <Table.Thead>
              <Table.Tr>
                {headers.map((header) => (
                  <Table.Th key={header} scope="col">
                    {header}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.key}>
                  {row.cells.map((cell, index) =>
                    index === 0 ? (
                      <Table.Th key={index} scope="row" fw={400}>
                        {cell}
                      </Table.Th>
                    ) : (
                      <Table.Td key={index}>{cell}</Table.Td>
                    ),
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </section>
      )}
    </details>
  );
}

/** A small legend entry: a swatch and its name. */
export function LegendItem({ kind, children }: { kind: "0" | "1" | "marker"; children: ReactNode }) {
  return (
    <span>
      <span className={`lantern-chart__swatch lantern-chart__swatch--${kind}`} aria-hidden="true" />
      {children}
    </span>
  );
}

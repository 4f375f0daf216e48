import type { ReactNode } from 'react';
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from '@fluentui/react-components';
import { useAdminStyles } from './admin-styles';

export interface AdminColumn<Row> {
  /** The column's heading; unique within the table. */
  header: string;
  cell: (row: Row) => ReactNode;
}

export interface AdminTableProps<Row> {
  /** The id of the heading that names the table for screen readers. */
  labelledBy: string;
  columns: readonly AdminColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** Said instead of an empty table; a list that always has rows leaves it out. */
  empty?: string;
}

/** One of Ylläpito's lists: a table that scrolls inside itself in a narrow pane, or a sentence when it is empty. */
export function AdminTable<Row>({ labelledBy, columns, rows, rowKey, empty }: AdminTableProps<Row>) {
  const styles = useAdminStyles();
  if (rows.length === 0 && empty !== undefined) return <Text>{empty}</Text>;
  return (
    <div className={styles.tableWrap}>
      <Table aria-labelledby={labelledBy}>
        <TableHeader>
          <TableRow>
            {columns.map((column) => (
              <TableHeaderCell key={column.header}>{column.header}</TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={rowKey(row)}>
              {columns.map((column) => (
                <TableCell key={column.header}>{column.cell(row)}</TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

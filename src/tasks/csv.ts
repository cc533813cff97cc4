/**
 * CSV as RFC 4180 writes it (comma-separated, CRLF line ends, fields quoted when they hold a
 * comma, quote or line break, quotes doubled), with one addition for spreadsheets: a cell that
 * starts with = + - @ tab or CR, also after spaces, is a formula to Excel, LibreOffice and
 * Sheets, so it is written with a leading apostrophe (OWASP's advice), and so is a cell that
 * already starts with one, so that reading our own file back can always remove exactly one.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;
// What a title loses at its start before it is stored (spaces, invisible fillers), and what
// some spreadsheets skip before they look for a formula.
const LEADING_BLANKS = /^[\s\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]+/u;

/** A spreadsheet would run this cell: it starts like a formula as written, or once trimmed. */
export function isFormulaLike(value: string): boolean {
  return FORMULA_START.test(value) || FORMULA_START.test(value.replace(LEADING_BLANKS, ""));
}

export function escapeCsvCell(value: string): string {
  const neutral = isFormulaLike(value) || value.startsWith("'") ? `'${value}` : value;
  return NEEDS_QUOTES.test(neutral) ? `"${neutral.replace(/"/g, '""')}"` : neutral;
}

/** Undoes escapeCsvCell's apostrophe, for cells of a file we wrote. */
export function unescapeCsvCell(value: string): string {
  return value.startsWith("'") ? value.slice(1) : value;
}

export function formatCsvRow(cells: readonly string[]): string {
  return `${cells.map(escapeCsvCell).join(",")}\r\n`;
}

export class CsvSyntaxError extends Error {
  readonly row: number;
  constructor(row: number, message: string) {
    super(message);
    this.row = row;
  }
}

/**
 * Parses CSV text into records of fields. Accepts CRLF, LF or CR line ends and a last line
 * without one; a quote may only open a field or close it (doubled inside). `row` in an error
 * is the record's number counting the header as 1, as a spreadsheet numbers its rows.
 * Blank lines are kept as [""] so row numbers stay the spreadsheet's.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let fieldStarted = false;
  let index = 0;
  const length = text.length;
  const endRecord = () => {
    record.push(field);
    records.push(record);
    record = [];
    field = "";
    fieldStarted = false;
  };
  while (index < length) {
    const char = text[index] as string;
    if (quoted) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          field += '"';
          index += 2;
          continue;
        }
        quoted = false;
        index += 1;
        const next = text[index];
        if (next !== undefined && next !== "," && next !== "\r" && next !== "\n")
          throw new CsvSyntaxError(records.length + 1, "a quoted field is followed by text before the next comma");
        continue;
      }
      field += char;
      index += 1;
      continue;
    }
    if (char === '"') {
      if (fieldStarted || field !== "")
        throw new CsvSyntaxError(records.length + 1, "a quote appears inside a field that did not start with one");
      quoted = true;
      fieldStarted = true;
      index += 1;
      continue;
    }
    if (char === ",") {
      record.push(field);
      field = "";
      fieldStarted = false;
      index += 1;
      continue;
    }
    if (char === "\r" || char === "\n") {
      endRecord();
      index += char === "\r" && text[index + 1] === "\n" ? 2 : 1;
      continue;
    }
    field += char;
    index += 1;
  }
  if (quoted) throw new CsvSyntaxError(records.length + 1, "a quoted field is never closed");
  if (field !== "" || fieldStarted || record.length > 0) endRecord();
  return records;
}

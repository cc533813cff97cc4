import { expect, test } from "vitest";
import {
  CsvSyntaxError,
  escapeCsvCell,
  formatCsvRow,
  isFormulaLike,
  parseCsv,
  unescapeCsvCell,
} from "#src/tasks/csv.ts";
import { readTodoistDate } from "#src/tasks/task-import.ts";

test("cells with commas, quotes or line breaks are quoted, quotes doubled", () => {
  expect(formatCsvRow(["plain", "a,b", 'say "hi"', "two\nlines", "cr\rhere", ""])).toBe(
    'plain,"a,b","say ""hi""","two\nlines","cr\rhere",\r\n',
  );
});

test("cells a spreadsheet would run as a formula get an apostrophe, and so does one that starts with one", () => {
  for (const value of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'quoted"])
    expect(escapeCsvCell(value).replace(/^"/, "")).toMatch(/^'/);
  expect(escapeCsvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
  expect(escapeCsvCell("a=b")).toBe("a=b");
});

test("what we write parses back to the same cells, apostrophes removed once", () => {
  const rows = [
    ["id", "title", "description"],
    ["1", '=HYPERLINK("http://evil","x")', 'line one\r\nline two, "quoted"'],
    ["2", "'apostrophe", "-minus\ttab"],
    ["3", "Café ☕ 🎉", ""],
  ];
  const text = rows.map(formatCsvRow).join("");

  expect(parseCsv(text).map((row) => row.map(unescapeCsvCell))).toEqual(rows);
});

test("the parser takes LF, CRLF and CR line ends and a last line without one", () => {
  expect(parseCsv("a,b\nc,d")).toEqual([
    ["a", "b"],
    ["c", "d"],
  ]);
  expect(parseCsv("a,b\r\nc,d\r\n")).toEqual([
    ["a", "b"],
    ["c", "d"],
  ]);
  expect(parseCsv("a\rb\r")).toEqual([["a"], ["b"]]);
  expect(parseCsv('"",x\n')).toEqual([["", "x"]]);
  expect(parseCsv('a,""')).toEqual([["a", ""]]);
});

test("blank lines stay records, so row numbers match the spreadsheet's", () => {
  expect(parseCsv("h\n\nx\n")).toEqual([["h"], [""], ["x"]]);
});

test("broken quoting is an error naming the row", () => {
  const cases: [string, number, RegExp][] = [
    ['h\n"open', 2, /never closed/],
    ['h\nab"c', 2, /inside a field/],
    ['h\n"ab"c', 2, /followed by text/],
  ];
  for (const [text, row, message] of cases) {
    let error: unknown;
    try {
      parseCsv(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect((error as CsvSyntaxError).row).toBe(row);
    expect((error as CsvSyntaxError).message).toMatch(message);
  }
});

test("Todoist dates: a leading ISO date or a written-out date; recurring, relative and numeric ones are not guessed", () => {
  expect(readTodoistDate("2026-12-03")).toBe("2026-12-03");
  expect(readTodoistDate("2026-12-03T09:00:00")).toBe("2026-12-03");
  expect(readTodoistDate("2026-12-03 10:00")).toBe("2026-12-03");
  expect(readTodoistDate("3 Dec 2026")).toBe("2026-12-03");
  expect(readTodoistDate("3rd December 2026")).toBe("2026-12-03");
  expect(readTodoistDate("Dec 3, 2026")).toBe("2026-12-03");
  expect(readTodoistDate("September 30 2027 at 5pm")).toBe("2027-09-30");
  expect(readTodoistDate("every monday")).toBeNull();
  expect(readTodoistDate("tomorrow")).toBeNull();
  expect(readTodoistDate("03/12/2026")).toBeNull();
  expect(readTodoistDate("2026-02-30")).toBeNull();
  expect(readTodoistDate("31 Feb 2026")).toBeNull();
  expect(readTodoistDate("2026-12-033")).toBeNull();
});

test("a cell that starts like a formula after spaces or invisible fillers is formula-like, and written escaped", () => {
  for (const value of [" =1+1", "\u00a0@SUM(A1)", '\u3164=HYPERLINK("http://x")', "\u200b+1", "  -2"]) {
    expect(isFormulaLike(value), JSON.stringify(value)).toBe(true);
    expect(escapeCsvCell(value).replace(/^"/, ""), JSON.stringify(value)).toMatch(/^'/);
    expect(parseCsv(formatCsvRow([value])).map((row) => row.map(unescapeCsvCell))).toEqual([[value]]);
  }
  expect(isFormulaLike("a = b")).toBe(false);
  expect(isFormulaLike(" plain")).toBe(false);
});

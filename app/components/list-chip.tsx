import type { ListColor } from "#src/lists/list.ts";

/** What a row or a menu shows of a list. */
export interface ListLabel {
  name: string;
  color: ListColor;
}

/** The list a task is in, as a small label with the list's colour (views across lists). */
export function ListChip({ list }: { list: ListLabel }) {
  return (
    <span className="list-chip">
      <ListDot color={list.color} />
      <span className="sr-only">List: </span>
      {list.name}
    </span>
  );
}

/** A list's colour as a dot; decorative (the name always goes with it). */
export function ListDot({ color }: { color: ListColor }) {
  return <span aria-hidden="true" data-color={color} className="list-dot" />;
}

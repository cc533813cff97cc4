import type { ListColor } from "#src/lists/list.ts";

/** What a row shows of the list it is in, in the views across lists. */
export interface ListLabel {
  name: string;
  color: ListColor;
}

import spriteUrl from "#app/icons.svg?url";

/**
 * Icons are symbols in one SVG file (app/icons.svg, fingerprinted by the build), referenced
 * with <use>: the browser fetches it once and caches it, so neither each page's HTML (every
 * task row has several icons) nor its JavaScript carries the path data.
 */
export type IconName =
  | "check"
  | "chevron"
  | "calendar"
  | "flag"
  | "user"
  | "chevron-down"
  | "plus"
  | "chevron-right"
  | "search"
  | "alert"
  | "check-circle";

export function Icon({ name, className }: { name: IconName; className: string }) {
  return (
    <svg aria-hidden="true" fill="currentColor" className={className}>
      <use href={`${spriteUrl}#${name}`} />
    </svg>
  );
}

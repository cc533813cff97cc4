/**
 * Icons used many times on one page (every task row has several) are drawn once, as symbols in
 * a hidden sprite the root layout renders, and referenced with <use>: a row's markup then
 * carries a short reference instead of the path data (a 25-row list was 7 KB a row).
 */
const PATHS = {
  check:
    "M12.42 4.22a.75.75 0 0 1 .06 1.06l-5.25 6a.75.75 0 0 1-1.1.03l-2.5-2.5a.75.75 0 0 1 1.06-1.06l1.93 1.93 4.72-5.4a.75.75 0 0 1 1.08-.06Z",
  chevron:
    "M4.22 6.22a.75.75 0 0 1 1.06 0L8 8.94l2.72-2.72a.75.75 0 1 1 1.06 1.06l-3.25 3.25a.75.75 0 0 1-1.06 0L4.22 7.28a.75.75 0 0 1 0-1.06Z",
  calendar:
    "M4 1.75a.75.75 0 0 1 1.5 0V3h5V1.75a.75.75 0 0 1 1.5 0V3h.25A1.75 1.75 0 0 1 14 4.75v7.5A1.75 1.75 0 0 1 12.25 14h-8.5A1.75 1.75 0 0 1 2 12.25v-7.5A1.75 1.75 0 0 1 3.75 3H4V1.75ZM3.5 7v5.25c0 .14.11.25.25.25h8.5a.25.25 0 0 0 .25-.25V7h-9Z",
  flag: "M3 1.75a.75.75 0 0 0-1.5 0v12.5a.75.75 0 0 0 1.5 0V10h9.25a.75.75 0 0 0 .6-1.2L10.69 6l2.16-2.8a.75.75 0 0 0-.6-1.2H3v-.25Z",
} as const;

export type IconName = keyof typeof PATHS;

export function IconSprite() {
  return (
    <svg aria-hidden="true" className="hidden">
      {Object.entries(PATHS).map(([name, d]) => (
        <symbol key={name} id={`icon-${name}`} viewBox="0 0 16 16">
          <path fillRule="evenodd" clipRule="evenodd" d={d} />
        </symbol>
      ))}
    </svg>
  );
}

export function Icon({ name, className }: { name: IconName; className: string }) {
  return (
    <svg aria-hidden="true" fill="currentColor" className={className}>
      <use href={`#icon-${name}`} />
    </svg>
  );
}

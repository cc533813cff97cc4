// The parts of Architect's packaging API that src/scripts/ops/template.ts uses (the packages ship no types).

declare module "@architect/inventory" {
  /** Architect's project inventory; `inv._project.env.aws` holds `arc env` values once loaded. */
  export interface Inventory {
    inv: {
      app: string;
      _project: {
        cwd: string;
        arc: unknown;
        env: { aws: Record<string, Record<string, string> | null> | null } & Record<string, unknown>;
      };
      plugins?: { _methods?: { deploy?: { start?: Array<(params: Record<string, unknown>) => unknown> } } };
    } & Record<string, unknown>;
    get: Record<string, unknown>;
  }
  export default function inventory(options: { cwd?: string; deployStage?: string; env?: boolean }): Promise<Inventory>;
}

declare module "@architect/package" {
  import type { Inventory } from "@architect/inventory";
  export default function pkg(inventory: Inventory): Record<string, unknown>;
}

declare module "@architect/utils" {
  export function deepFrozenCopy<T>(value: T): T;
  export function toLogicalID(name: string): string;
}

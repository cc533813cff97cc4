declare module "@architect/sandbox" {
  interface StartOptions {
    cwd?: string;
    port?: number;
    host?: string;
    quiet?: boolean;
  }
  const sandbox: {
    start(options?: StartOptions): Promise<string>;
    end(): Promise<string>;
  };
  export default sandbox;
}

declare module "@architect/parser" {
  export default function parse(text: string): { app: string[]; aws?: [string, string][] } & Record<string, unknown>;
}

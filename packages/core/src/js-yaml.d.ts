/** Types for the part of js-yaml 4 that core uses (the package ships none). */
declare module "js-yaml" {
  /** A js-yaml schema; `CORE_SCHEMA` is YAML 1.2 core: no timestamps, no merge keys. */
  export interface Schema {
    readonly __schema: unique symbol;
  }
  export const CORE_SCHEMA: Schema;
  export function load(input: string, options?: { filename?: string; schema?: Schema }): unknown;
  /** Writes YAML (core's tests compare readBlockYaml with js-yaml on the documents it writes). */
  export function dump(
    value: unknown,
    options?: { flowLevel?: number; indent?: number; noArrayIndent?: boolean; lineWidth?: number },
  ): string;
}

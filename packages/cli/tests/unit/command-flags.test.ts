/** Each command's flags are declared once (its schema) and its --help documents exactly those. */
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/main.ts";
import { flagNames } from "../../src/parse-flags.ts";

describe("command flags", () => {
  it.each(Object.keys(COMMANDS))(
    "%s: --help lists every flag the command takes, and no other",
    async (name) => {
      const { command } = await (COMMANDS[name] as (typeof COMMANDS)[string]).load();
      const documented = new Set<string>();
      for (const match of command.help.matchAll(/^\s+(?:-[a-zA-Z], )?(--[a-z][a-z0-9-]*)/gm))
        documented.add(match[1] as string);
      documented.delete("--help");
      expect([...documented].sort()).toEqual(flagNames(command.flags));
    },
  );
});

/** `imagebuild completion bash|zsh|fish`: a shell completion script for the commands and their flags. */
import { z } from "zod";
import { type Command, EXIT_OK, UsageError } from "../command.ts";
import { didYouMean } from "../did-you-mean.ts";
import { jsonFlag } from "../flag-schemas.ts";
import { COMMANDS } from "../main.ts";
import { writeJson } from "../output/write-json.ts";
import { flagNames, parseFlags } from "../parse-flags.ts";

const SHELLS = ["bash", "zsh", "fish"] as const;
type Shell = (typeof SHELLS)[number];

const FLAGS = z.object({ json: jsonFlag });

const HELP = `Usage: imagebuild completion bash|zsh|fish [options]

Prints a completion script for the shell: the commands (with their summaries where the shell
shows them) and each command's flags, file names elsewhere. Load it from the shell's startup file.

Options:
  --json         print {ok, commands: {name: [flags]}} instead (what the scripts complete)
  -h, --help     show this help

Exit codes: 0 ok, 1 a command could not be loaded, 2 usage (an unknown shell).

Examples:
  source <(imagebuild completion bash)            # in ~/.bashrc
  imagebuild completion zsh > "\${fpath[1]}/_imagebuild"
  imagebuild completion fish > ~/.config/fish/completions/imagebuild.fish
`;

/** A command as completion sees it. */
interface Completable {
  name: string;
  summary: string;
  flags: string[];
}

/**
 * The `completion` command, loaded by `main.ts`.
 *
 * @example
 * await command.run(["bash"], io);
 */
export const command: Command = {
  name: "completion",
  summary: "print a shell completion script (bash, zsh, fish)",
  help: HELP,
  flags: FLAGS,
  async run(args, io) {
    const { flags, positionals } = parseFlags({
      args,
      schema: FLAGS,
      positionals: true,
    });
    const commands = await completables();
    if (flags.json) {
      writeJson(io.stdout, {
        ok: true,
        commands: Object.fromEntries(commands.map((c) => [c.name, c.flags])),
      });
      return EXIT_OK;
    }
    const shell = positionals[0];
    if (positionals.length !== 1 || !SHELLS.includes(shell as Shell)) {
      const hint = shell === undefined ? "" : didYouMean(shell, SHELLS);
      throw new UsageError(
        `give the shell: bash, zsh or fish${shell === undefined ? "" : ` (not "${shell}"${hint})`}`,
      );
    }
    io.stdout.write(SCRIPTS[shell as Shell](commands));
    return EXIT_OK;
  },
};

/** Every registered command with the flags it declares, and --help. */
async function completables(): Promise<Completable[]> {
  const out: Completable[] = [];
  for (const [name, entry] of Object.entries(COMMANDS)) {
    const { command } = await entry.load();
    const flags = ["--help", ...flagNames(command.flags)].sort();
    out.push({ name, summary: entry.summary, flags });
  }
  return out;
}

const TOP_FLAGS = "--help --version";

const SCRIPTS: Record<Shell, (commands: Completable[]) => string> = {
  bash: (commands) => {
    const top = [...new Set(commands.map((c) => c.name.split(" ")[0]))].join(" ");
    const cases = commands
      .map((c) => `    "${c.name}") flags="${c.flags.join(" ")}" ;;`)
      .join("\n");
    return `# imagebuild completion for bash: source <(imagebuild completion bash)
_imagebuild() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" flags=""
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${top} ${TOP_FLAGS}" -- "$cur"))
    return
  fi
  local name="\${COMP_WORDS[1]}"
  if [ "$name" = "local" ]; then
    if [ "$COMP_CWORD" -eq 2 ]; then COMPREPLY=($(compgen -W "serve" -- "$cur")); return; fi
    name="local \${COMP_WORDS[2]}"
  fi
  case "$name" in
${cases}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$flags" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o default -F _imagebuild imagebuild
`;
  },
  zsh: (commands) => {
    const described = commands
      .filter((c) => !c.name.includes(" "))
      .map((c) => `    '${c.name}:${c.summary.replaceAll("'", "")}'`)
      .concat(["    'local:the local service (local serve)'"])
      .join("\n");
    const cases = commands
      .map((c) => `    "${c.name}") flags=(${c.flags.join(" ")}) ;;`)
      .join("\n");
    return `#compdef imagebuild
# imagebuild completion for zsh: imagebuild completion zsh > "\${fpath[1]}/_imagebuild"
_imagebuild() {
  local -a commands flags
  commands=(
${described}
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  local name="$words[2]"
  if [[ "$name" == local ]]; then
    if (( CURRENT == 3 )); then compadd serve; return; fi
    name="local $words[3]"
  fi
  case "$name" in
${cases}
  esac
  if [[ "$PREFIX" == -* ]]; then compadd -- $flags; else _files; fi
}
_imagebuild "$@"
`;
  },
  fish: (commands) => {
    const top = commands.filter((c) => !c.name.includes(" "));
    const lines = [
      "# imagebuild completion for fish: imagebuild completion fish > ~/.config/fish/completions/imagebuild.fish",
      "complete -c imagebuild -l help -l version -n __fish_use_subcommand",
      ...top.map(
        (c) =>
          `complete -c imagebuild -f -n __fish_use_subcommand -a ${c.name} -d '${c.summary.replaceAll("'", "")}'`,
      ),
      "complete -c imagebuild -f -n __fish_use_subcommand -a local -d 'the local service (local serve)'",
      "complete -c imagebuild -f -n '__fish_seen_subcommand_from local' -a serve",
    ];
    for (const c of commands) {
      const word = c.name.split(" ").at(-1) as string;
      for (const flag of c.flags) {
        lines.push(
          `complete -c imagebuild -n '__fish_seen_subcommand_from ${word}' -l ${flag.slice(2)}`,
        );
      }
    }
    return `${lines.join("\n")}\n`;
  },
};

/** renderPackagesDockerfile: every package entry is one argv element of an exec-form RUN, which no shell parses. */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderPackagesDockerfile } from "../../src/index.ts";

/** The argv of each `RUN [...]` line, as a builder reads the exec form (a JSON array). */
function runArgvs(dockerfile: string): string[][] {
  return dockerfile
    .split("\n")
    .filter((line) => line.startsWith("RUN "))
    .map((line) => JSON.parse(line.slice("RUN ".length)) as string[]);
}

describe("renderPackagesDockerfile", () => {
  const stubs = mkdtempSync(path.join(tmpdir(), "imagebuild-apt-stub-"));
  afterAll(() => rmSync(stubs, { recursive: true, force: true }));

  it("passes pip ranges, extras and markers as single arguments to python3 -m pip", () => {
    const dockerfile = renderPackagesDockerfile({
      Base: "debian:bookworm",
      Pip: ["scikit-learn>=1.3,<1.5", `requests[socks]==2.32.*; python_version < "3.12"`],
    });
    expect(dockerfile.split("\n")[0]).toBe("FROM debian:bookworm");
    expect(runArgvs(dockerfile)).toEqual([
      [
        "python3",
        "-m",
        "pip",
        "install",
        "--no-cache-dir",
        "scikit-learn>=1.3,<1.5",
        `requests[socks]==2.32.*; python_version < "3.12"`,
      ],
    ]);
  });

  it("passes conda match specs with spaces and channels as single arguments", () => {
    const dockerfile = renderPackagesDockerfile({
      Base: "continuumio/miniconda3:24.7.1-0",
      Conda: ["pytorch::pytorch>=2.1", "numpy 1.26.* py311*"],
    });
    expect(runArgvs(dockerfile)).toEqual([
      ["conda", "install", "-y", "pytorch::pytorch>=2.1", "numpy 1.26.* py311*"],
    ]);
  });

  it("runs apt in one layer from a fixed script, the packages after it as positional arguments", () => {
    const dockerfile = renderPackagesDockerfile({
      Base: "debian:bookworm",
      Apt: ["curl", "libssl3=3.0.11-1~deb12u2"],
      Pip: ["numpy==1.26.4"],
    });
    const [apt, pip] = runArgvs(dockerfile);
    expect(apt).toEqual([
      "/bin/sh",
      "-c",
      'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" && rm -rf /var/lib/apt/lists/*',
      "sh",
      "curl",
      "libssl3=3.0.11-1~deb12u2",
    ]);
    expect(pip?.slice(-1)).toEqual(["numpy==1.26.4"]);
  });

  it("the apt script hands each entry to apt-get unchanged, even one a shell would expand", () => {
    // Stubs stand in for apt-get and rm (PATH holds only them), recording the arguments they get.
    const log = path.join(stubs, "calls.log");
    const stub = `#!/bin/sh\nprintf '%s\\n' "$0 $#" "$@" >> "${log}"\n`;
    for (const name of ["apt-get", "rm"])
      writeFileSync(path.join(stubs, name), stub, { mode: 0o755 });
    const entries = ["libssl3=3.0.11-1~deb12u2", "$(touch injected)", "a b", "*", `'"`];
    const [apt] = runArgvs(renderPackagesDockerfile({ Base: "debian:bookworm", Apt: entries }));
    const [command, ...args] = apt ?? [];
    execFileSync(command as string, args, { cwd: stubs, env: { PATH: stubs } });
    const calls = readFileSync(log, "utf8").trimEnd().split("\n");
    const install = [
      `${path.join(stubs, "apt-get")} ${3 + entries.length}`,
      "install",
      "-y",
      "--no-install-recommends",
      ...entries,
    ];
    expect(calls.slice(0, 2 + install.length)).toEqual([
      `${path.join(stubs, "apt-get")} 1`,
      "update",
      ...install,
    ]);
    // The script's own glob (the lists) is the only thing its shell expands.
    expect(calls[2 + install.length]).toMatch(new RegExp(`^${path.join(stubs, "rm")} \\d+$`));
    expect(calls[3 + install.length]).toBe("-rf");
    expect(existsSync(path.join(stubs, "injected"))).toBe(false);
  });

  it("renders no RUN for empty lists", () => {
    expect(renderPackagesDockerfile({ Base: "debian:bookworm", Apt: [], Pip: [] })).toBe(
      "FROM debian:bookworm\n",
    );
  });
});

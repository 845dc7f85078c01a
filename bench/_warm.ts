import { main } from "../packages/cli/src/main.ts";
const sink = { write: () => true } as unknown as NodeJS.WritableStream;
for (let i = 0; i < 8; i++) {
  const t = performance.now();
  const code = await main(["validate", "--dir", "/tmp/vb/specs", "--env", "prod"], { stdout: sink, stderr: sink, env: process.env, isTTY: false, cwd: "/tmp/vb", signal: new AbortController().signal } as never);
  console.log(i, code, (performance.now() - t).toFixed(0), "ms");
}

/** Output helpers: tables, the progress renderer (TTY and not) and error formatting. */
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { formatError, redactSecrets } from "../../src/output/format-error.ts";
import { formatTable } from "../../src/output/format-table.ts";
import { createProgressRenderer } from "../../src/output/progress-renderer.ts";

class Capture extends Writable {
  text = "";
  override _write(chunk: Buffer, _e: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

describe("formatTable", () => {
  it("pads columns to the widest cell and shows missing cells as -", () => {
    const text = formatTable({
      rows: [
        { a: "x", b: "long value" },
        { a: "longer", b: undefined },
      ],
      columns: [
        { header: "A", value: (r) => r.a },
        { header: "B", value: (r) => r.b },
      ],
    });
    expect(text).toBe("A       B\nx       long value\nlonger  -\n");
  });
});

describe("createProgressRenderer", () => {
  it("without a terminal prints one plain line per change, no escape codes", () => {
    const stream = new Capture();
    const progress = createProgressRenderer({ stream, isTTY: false });
    progress.update("specs/a/1.yaml", "Creating");
    progress.update("specs/a/1.yaml", "Creating");
    progress.update("specs/b/1.yaml", "Running");
    progress.update("specs/a/1.yaml", "Succeeded");
    progress.done();
    expect(stream.text).toBe(
      "specs/a/1.yaml: Creating\nspecs/b/1.yaml: Running\nspecs/a/1.yaml: Succeeded\n",
    );
  });

  it("on a terminal redraws the block in place", () => {
    const stream = new Capture();
    const progress = createProgressRenderer({ stream, isTTY: true });
    progress.update("a", "Creating");
    progress.update("bb", "Running");
    progress.update("a", "Succeeded");
    progress.done();
    // The third draw moves up two lines and rewrites both.
    expect(stream.text.endsWith("\u001b[2A\u001b[2Ka   Succeeded\n\u001b[2Kbb  Running\n")).toBe(
      true,
    );
  });
});

describe("createProgressRenderer on a narrow terminal", () => {
  it("cuts lines to the terminal width so the redraw stays in place", () => {
    const stream = Object.assign(new Capture(), { columns: 12 });
    const progress = createProgressRenderer({ stream, isTTY: true });
    progress.update("specs/a.yaml", "Running with a long reason");
    expect(stream.text).toBe("\u001b[2Kspecs/a.yam\n");
  });
});

describe("formatError", () => {
  const env = {
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: "s3cr3t-value-123",
    IMAGEBUILD_SECRET_ACR_PULL: "robot:pa55word",
    HOME: "/home/user-with-long-name",
  };

  it("masks secret values and their base64 forms, keeps other text", () => {
    const b64 = Buffer.from("robot:pa55word").toString("base64");
    const message = `key s3cr3t-value-123 auth ${b64} home /home/user-with-long-name`;
    expect(redactSecrets(message, env)).toBe("key *** auth *** home /home/user-with-long-name");
  });

  it("reads code and context from any error-like value", () => {
    const error = Object.assign(new Error("GetJob failed: s3cr3t-value-123"), {
      code: "NotFound",
      requestId: "REQ-1",
      retryable: false,
    });
    expect(formatError(error, env)).toEqual({
      code: "NotFound",
      message: "GetJob failed: ***",
      requestId: "REQ-1",
      retryable: false,
    });
    expect(formatError({ code: "X", message: "plain" }, env)).toEqual({
      code: "X",
      message: "plain",
    });
    expect(formatError("text", env)).toEqual({ code: "ERROR", message: "text" });
  });
});

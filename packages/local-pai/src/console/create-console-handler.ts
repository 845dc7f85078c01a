/** The console's HTTP entry: `/`, `/builds/{JobId}` and `/console/…`; everything else is left to the API. */
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseTarget } from "../http/parse-target.ts";
import type { ServiceContext } from "../http/service-context.ts";
import type { Logger } from "../logger.ts";
import { buildRecord } from "./build-record.ts";
import { createBuildsFeed } from "./builds-feed.ts";
import { type ConsoleToken, loadConsoleToken } from "./console-token.ts";
import { openEventStream } from "./event-stream.ts";
import { readAllLogLines } from "./read-log-lines.ts";
import { renderBuildPage } from "./render-build-page.ts";
import { renderBuildsPage } from "./render-builds.ts";
import { renderLayout, renderLoginPage } from "./render-layout.ts";
import { escapeHtml } from "./html.ts";
import { streamBuild } from "./stream-build.ts";

/** The session cookie of signed mode. */
export const CONSOLE_COOKIE = "imagebuild-console";
/** The header the console's own script sends with a stop; a cross-site form cannot set it. */
export const CONSOLE_ACTION_HEADER = "x-imagebuild-console";
/** The largest sign-in form accepted. */
const LOGIN_BODY_LIMIT_BYTES = 4096;
const ASSETS: Record<string, { file: string; type: string }> = {
  "/console/console.css": { file: "console.css", type: "text/css; charset=utf-8" },
  "/console/console.js": { file: "console.js", type: "text/javascript; charset=utf-8" },
};
/** No inline code, nothing from another origin: the console works offline and injected markup cannot run. */
const PAGE_HEADERS = {
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};
const BUILD_PAGE = /^\/builds\/([A-Za-z0-9_-]{1,64})$/;
const BUILD_EVENTS = /^\/console\/builds\/([A-Za-z0-9_-]{1,64})\/events$/;
const BUILD_STOP = /^\/console\/builds\/([A-Za-z0-9_-]{1,64})\/stop$/;

/**
 * Returns a listener that answers console requests and returns true, or returns false for any other
 * path (the PAI API). In signed mode (`signed`), pages need the console token as a cookie, set by
 * the sign-in form; the token lives in `<dataDir>/console-token` (0600).
 *
 * @example
 * const serveConsole = createConsoleHandler({ service, signed: accessKeys.length > 0, log });
 * if (serveConsole(req, res)) return;
 */
export function createConsoleHandler({
  service,
  signed,
  log,
}: {
  service: ServiceContext;
  signed: boolean;
  log: Logger;
}): (req: IncomingMessage, res: ServerResponse) => boolean {
  const token = signed ? loadConsoleToken({ dataDir: service.dataDir }) : undefined;
  if (token) log.info("console token kept for signed mode", { tokenFile: token.path });
  const feed = createBuildsFeed(service);
  const assets = new Map<string, string>();

  const route = (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    query: URLSearchParams,
  ) => {
    const method = req.method ?? "GET";
    const asset = ASSETS[path];
    if (asset && method === "GET") {
      let text = assets.get(path);
      if (text === undefined) {
        text = readFileSync(new URL(`./assets/${asset.file}`, import.meta.url), "utf8");
        assets.set(path, text);
      }
      return send(res, 200, text, { "content-type": asset.type, "cache-control": "no-cache" });
    }
    if (path === "/console/login" && method === "POST") return login(req, res, token);
    // No other console route reads a body; drain it, or answering first resets a keep-alive socket.
    req.resume();
    if (token && !token.matches(cookieOf(req, CONSOLE_COOKIE))) {
      if (method === "GET" && !path.startsWith("/console/")) {
        return page(res, 401, renderLoginPage({ tokenPath: token.path, failed: false }));
      }
      return send(res, 401, "sign in with the console token first\n", {
        "content-type": "text/plain",
      });
    }
    if (path === "/" && method === "GET") {
      const { builds, images } = feed.snapshot();
      return page(res, 200, renderBuildsPage({ buildRows: builds, imageRows: images }));
    }
    if (path === "/console/events" && method === "GET") return feed.subscribe(openEventStream(res));
    const pageMatch = BUILD_PAGE.exec(path);
    if (pageMatch && method === "GET") {
      const build = buildRecord(service, pageMatch[1] as string);
      if (!build) return page(res, 404, notFoundPage(pageMatch[1] as string));
      const { lines, offset } = readAllLogLines({
        dataDir: service.dataDir,
        jobId: build.job.JobId,
      });
      return page(res, 200, renderBuildPage({ build, lines, logOffset: offset }));
    }
    const eventsMatch = BUILD_EVENTS.exec(path);
    if (eventsMatch && method === "GET") {
      const resumeAt = req.headers["last-event-id"] ?? query.get("offset") ?? "0";
      const offset = Number(resumeAt);
      return streamBuild({
        service,
        jobId: eventsMatch[1] as string,
        offset: Number.isSafeInteger(offset) && offset >= 0 ? offset : 0,
        stream: openEventStream(res),
      });
    }
    const stopMatch = BUILD_STOP.exec(path);
    if (stopMatch && method === "POST") {
      if (req.headers[CONSOLE_ACTION_HEADER] !== "stop") {
        return send(res, 403, `stop needs the ${CONSOLE_ACTION_HEADER}: stop header\n`, {
          "content-type": "text/plain",
        });
      }
      const result = service.queue.stop(stopMatch[1] as string);
      return send(res, result === "unknown" ? 404 : 202, JSON.stringify({ result }), {
        "content-type": "application/json",
      });
    }
    return page(res, 404, notFoundPage(path));
  };

  return (req, res) => {
    let url: URL;
    try {
      url = parseTarget(req.url ?? "/");
    } catch {
      return false; // the API answers a target no URL can hold with its 400
    }
    const path = url.pathname;
    if (path !== "/" && !path.startsWith("/console/") && !path.startsWith("/builds/")) return false;
    try {
      route(req, res, path, url.searchParams);
    } catch (error) {
      log.error("console request failed", { path, error: String(error) });
      if (!res.headersSent) send(res, 500, "the console failed; see the service log\n", {});
      else res.end();
    }
    return true;
  };
}

function login(req: IncomingMessage, res: ServerResponse, token: ConsoleToken | undefined): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size <= LOGIN_BODY_LIMIT_BYTES) chunks.push(chunk);
  });
  req.on("end", () => {
    if (!token) return redirect(res, "/");
    const candidate = new URLSearchParams(Buffer.concat(chunks).toString("utf8")).get("token");
    if (size > LOGIN_BODY_LIMIT_BYTES || !token.matches(candidate?.trim())) {
      return page(res, 401, renderLoginPage({ tokenPath: token.path, failed: true }));
    }
    redirect(res, "/", {
      "set-cookie": `${CONSOLE_COOKIE}=${encodeURIComponent(candidate?.trim() ?? "")}; Path=/; HttpOnly; SameSite=Strict`,
    });
  });
}

function cookieOf(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key !== name) continue;
    try {
      return decodeURIComponent(value.join("="));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function notFoundPage(what: string): string {
  return renderLayout({
    title: "Not found",
    page: "missing",
    main: `<h1>Not found</h1><p>There is no build or page <code>${escapeHtml(what)}</code>. <a href="/">All builds</a>.</p>`,
  });
}

function page(res: ServerResponse, status: number, html: string): void {
  send(res, status, html, { "content-type": "text/html; charset=utf-8", ...PAGE_HEADERS });
}

function redirect(
  res: ServerResponse,
  location: string,
  headers: Record<string, string> = {},
): void {
  send(res, 303, "", { location, ...headers });
}

function send(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string>,
): void {
  res.writeHead(status, { "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

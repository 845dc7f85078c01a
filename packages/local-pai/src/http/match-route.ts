/** Finds the route for a method and path, extracting `{Name}` path parameters. */
import type { Route } from "./route.ts";

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
}

/**
 * A compiled route table.
 *
 * @example
 * createRouter(ROUTES).match("GET", "/api/v1/jobs/dlc-1")?.route.action // "GetJob"
 */
export interface Router {
  /** The route and its decoded parameters; `undefined` when nothing matches method and path. */
  match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined;
}

/**
 * Compiles a route table. Parameters match one path segment.
 *
 * @example
 * const router = createRouter([getImageRoute]);
 * router.match("GET", "/api/v1/images/image-abc")?.params // { ImageId: "image-abc" }
 */
export function createRouter(routes: readonly Route[]): Router {
  const compiled: CompiledRoute[] = routes.map((route) => {
    const names: string[] = [];
    const source = route.path.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => {
      names.push(name);
      return "([^/]+)";
    });
    return { route, names, pattern: new RegExp(`^${source}/?$`) };
  });
  return {
    match(method, path) {
      for (const { route, pattern, names } of compiled) {
        if (route.method !== method) continue;
        const found = pattern.exec(path);
        if (!found) continue;
        const params: Record<string, string> = {};
        names.forEach((name, i) => {
          params[name] = safeDecode(found[i + 1] ?? "");
        });
        return { route, params };
      }
      return undefined;
    },
  };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

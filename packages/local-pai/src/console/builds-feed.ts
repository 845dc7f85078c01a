/** The front page's live feed: one shared poll of the stores while any console is open, sent on change. */
import type { ServiceContext } from "../http/service-context.ts";
import { recentBuilds } from "./build-record.ts";
import type { EventStream } from "./event-stream.ts";
import { renderBuildRows, renderImageRows } from "./render-builds.ts";

/** How often the stores are read while a front page is open (a few SQLite reads each). */
export const FEED_POLL_MS = 500;
/** Builds on the front page. */
export const FRONT_PAGE_BUILDS = 50;
/** Images on the front page. */
export const FRONT_PAGE_IMAGES = 100;

/**
 * The feed: subscribe an event stream to get `builds` and `images` events whenever their HTML changes.
 *
 * @example
 * const feed: BuildsFeed = createBuildsFeed(service);
 * feed.subscribe(openEventStream(res));
 */
export interface BuildsFeed {
  subscribe(stream: EventStream): void;
  /** Renders the current rows (also what the front page is served with). */
  snapshot(): { builds: string; images: string };
}

/**
 * Creates the feed; it polls only while at least one stream is subscribed.
 *
 * @example
 * const feed = createBuildsFeed(service);
 */
export function createBuildsFeed(service: ServiceContext): BuildsFeed {
  const streams = new Set<EventStream>();
  let last = { builds: "", images: "" };
  let timer: NodeJS.Timeout | undefined;

  const snapshot = () => ({
    builds: renderBuildRows(recentBuilds(service, FRONT_PAGE_BUILDS)),
    images: renderImageRows(
      service.images.list({
        verbose: true,
        pageNumber: 1,
        pageSize: FRONT_PAGE_IMAGES,
        order: "DESC",
      }).images,
    ),
  });
  const tick = () => {
    let next: { builds: string; images: string };
    try {
      next = snapshot();
    } catch {
      // The database closes when the service stops; the streams close with the connections.
      return;
    }
    for (const stream of streams) {
      if (next.builds !== last.builds) stream.send("builds", next.builds);
      if (next.images !== last.images) stream.send("images", next.images);
    }
    last = next;
  };

  return {
    snapshot,
    subscribe(stream) {
      const current = snapshot();
      stream.send("builds", current.builds);
      stream.send("images", current.images);
      if (streams.size === 0) last = current;
      streams.add(stream);
      stream.onClose(() => {
        streams.delete(stream);
        if (streams.size === 0 && timer) {
          clearInterval(timer);
          timer = undefined;
        }
      });
      if (!timer) {
        timer = setInterval(tick, FEED_POLL_MS);
        timer.unref();
      }
    },
  };
}

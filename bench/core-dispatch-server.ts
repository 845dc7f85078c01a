/** The PAI stand-in of bench/core-dispatch.ts, run in a worker thread so its event loop is not the client's. */
import { parentPort, workerData } from "node:worker_threads";
import { startPaiServer } from "@imagebuild/test-support";

const { ratePerSecond, burst } = workerData as { ratePerSecond: number; burst: number };
const pai = await startPaiServer({ ratePerSecond, burst });
parentPort?.on("message", async (message: "stats" | "close") => {
  if (message === "stats") parentPort?.postMessage({ stats: { ...pai.stats } });
  if (message === "close") {
    await pai.close();
    parentPort?.close();
  }
});
parentPort?.postMessage({ url: pai.url });

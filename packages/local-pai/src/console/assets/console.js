// The local PAI console's one script: live updates over server-sent events, the stop button,
// ticking durations. Plain browser JavaScript, no build step, nothing from the network but this service.
(() => {
  const body = document.body;
  const live = document.getElementById("live");

  const formatDuration = (seconds) => {
    const s = Math.max(0, Math.floor(seconds));
    const pad = (n) => String(n).padStart(2, "0");
    if (s < 60) return `${s}s`;
    if (s < 3600) return `${Math.floor(s / 60)}m ${pad(s % 60)}s`;
    return `${Math.floor(s / 3600)}h ${pad(Math.floor((s % 3600) / 60))}m`;
  };
  setInterval(() => {
    for (const el of document.querySelectorAll("[data-running-since]")) {
      el.textContent = formatDuration((Date.now() - Date.parse(el.dataset.runningSince)) / 1000);
    }
  }, 1000);

  const connected = (source) => {
    source.addEventListener("open", () => {
      if (live) live.textContent = "Live: updates arrive by themselves.";
    });
    source.addEventListener("error", () => {
      if (live) live.textContent = "Connection lost; retrying…";
    });
  };

  if (body.dataset.page === "builds") {
    const source = new EventSource("/console/events");
    connected(source);
    source.addEventListener("builds", (event) => {
      document.getElementById("builds-body").innerHTML = event.data;
    });
    source.addEventListener("images", (event) => {
      document.getElementById("images-body").innerHTML = event.data;
    });
  }

  if (body.dataset.page === "build" && body.dataset.terminal !== "true") {
    const jobId = body.dataset.jobId;
    const log = document.getElementById("log");
    const summary = document.getElementById("summary");
    const source = new EventSource(
      `/console/builds/${encodeURIComponent(jobId)}/events?offset=${body.dataset.logOffset}`,
    );
    connected(source);
    source.addEventListener("line", (event) => {
      // Follow the end of the log only when the reader is already there.
      const atEnd = log.scrollTop + log.clientHeight >= log.scrollHeight - 8;
      const line = document.createElement("span");
      line.className = "line";
      line.textContent = event.data;
      log.append(line, "\n");
      if (atEnd) log.scrollTop = log.scrollHeight;
    });
    source.addEventListener("summary", (event) => {
      const focused = document.activeElement;
      const hadFocus = focused && summary.contains(focused) && focused.matches("button");
      summary.innerHTML = event.data;
      // A keyboard user on Stop stays on Stop while the summary updates (an Enter pressed right
      // after an update would otherwise go nowhere); once there is none, on the result or heading.
      if (hadFocus)
        (
          summary.querySelector("button[data-stop]:not([disabled])") ??
          summary.querySelector(".stop-result, h2")
        )?.focus?.();
    });
    source.addEventListener("log", (event) => {
      log.innerHTML = event.data;
      log.scrollTop = log.scrollHeight;
      document.getElementById("failed-step")?.scrollIntoView({ block: "nearest" });
    });
    source.addEventListener("end", (event) => {
      source.close();
      body.dataset.terminal = "true";
      document.title = document.title.replace(/ \S+( · )/, ` ${event.data}$1`);
    });
  }

  document.addEventListener("click", async (event) => {
    const button = event.target.closest("button[data-stop]");
    if (!button) return;
    const result = button.parentElement.querySelector(".stop-result");
    button.disabled = true;
    button.textContent = "Stopping…";
    try {
      const response = await fetch(
        `/console/builds/${encodeURIComponent(button.dataset.stop)}/stop`,
        {
          method: "POST",
          headers: { "x-imagebuild-console": "stop" },
        },
      );
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      if (result) result.textContent = "Stop requested.";
    } catch (error) {
      button.disabled = false;
      button.textContent = "Stop build";
      if (result) result.textContent = `Stop failed: ${error.message}`;
    }
  });
})();

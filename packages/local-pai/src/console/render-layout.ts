/** The console's page frame and its sign-in page. */
import { escapeHtml } from "./html.ts";

/**
 * A whole console page: header with navigation, `main`, the stylesheet and the script (no inline code,
 * so the Content-Security-Policy can forbid it).
 *
 * @example
 * renderLayout({ title: "Builds", page: "builds", main: "<h1>Builds</h1>" })
 */
export function renderLayout({
  title,
  page,
  main,
  data = {},
}: {
  title: string;
  page: string;
  main: string;
  data?: Record<string, string>;
}): string {
  const attributes = Object.entries({ page, ...data })
    .map(([key, value]) => ` data-${key}="${escapeHtml(value)}"`)
    .join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · imagebuild local PAI</title>
<link rel="stylesheet" href="/console/console.css">
<script type="module" src="/console/console.js"></script>
</head>
<body${attributes}>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
<p class="brand">imagebuild <span>local PAI</span></p>
<nav aria-label="Console"><ul>
<li><a href="/"${page === "builds" ? ' aria-current="page"' : ""}>Builds</a></li>
<li><a href="/#images">Images</a></li>
</ul></nav>
</header>
<main id="main" tabindex="-1">
${main}
</main>
</body>
</html>
`;
}

/**
 * The sign-in page of signed mode: one field for the console token, never prefilled.
 *
 * @example
 * renderLoginPage({ tokenPath: ".imagebuild/console-token", failed: false })
 */
export function renderLoginPage({
  tokenPath,
  failed,
}: {
  tokenPath: string;
  failed: boolean;
}): string {
  const error = failed
    ? '<p class="error" role="alert" id="token-error">That token is not this service\'s console token.</p>'
    : "";
  return renderLayout({
    title: "Sign in",
    page: "login",
    main: `<h1>Console token</h1>
<p>This service runs in signed mode. Paste its console token: the file <code>${escapeHtml(tokenPath)}</code>
(readable by the user who started the service only; its path is in the service log at start).</p>
${error}
<form method="post" action="/console/login" class="login">
<label for="token">Console token</label>
<input id="token" name="token" type="password" required autocomplete="off" spellcheck="false"${failed ? ' aria-invalid="true" aria-describedby="token-error"' : ""}>
<button type="submit">Open the console</button>
</form>`,
  });
}

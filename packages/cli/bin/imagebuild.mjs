#!/usr/bin/env node
// Runs the TypeScript sources through tsx so `npx imagebuild` works right after `npm ci`.
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");

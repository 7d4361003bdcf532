#!/usr/bin/env node
// Only the version check is imported statically: on an older Node.js the rest would fail to load
// with a SyntaxError that names no version.
import { nodeVersionProblem } from './node-version.ts';

const problem = nodeVersionProblem(process.versions.node);
if (problem) {
  console.error(problem);
  process.exit(1);
}
// V8's compile cache (in the system's temporary directory) spares recompiling the app on every start.
const { enableCompileCache } = await import('node:module');
enableCompileCache();
await import('./commands.ts');

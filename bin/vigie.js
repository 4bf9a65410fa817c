#!/usr/bin/env -S node --no-regexp-tier-up
// Thin launcher: the compiled CLI lives in dist/ (built by `npm install` through the prepare script).
//
// --no-regexp-tier-up: V8 first runs a regex in its interpreter and compiles it later. The time
// grammar is a few large regexes per language run at every word start, and on a batch that mixes
// French and English dispatches they kept going back to the interpreter: the times stage cost
// 2.2 ms a document instead of 0.7 (real-news bench). The flag must be given at start-up (set
// later, from inside the process, V8 can crash), so it is here, in `npm start` and in `npm run bench`.
import '../dist/src/cli.js';

#!/usr/bin/env -S node --max-semi-space-size=2 --max-old-space-size=512
// The heap flags keep a console with 10,000 actions near 120 MB RSS instead of 250 MB (V8 grows
// its heap far past the ~35 MB live set by default); they must be on the command line.
// Thin launcher: the CLI is compiled to dist/ by `npm run build` (run by `npm ci` through `prepare`).
// As a command hook (`warden hook <agent>`), any failure exits 2: Claude Code, Gemini CLI and Codex
// all block the tool on exit 2, while exit 1 (a crash's usual code) lets Gemini and Codex run it.
const asHook = process.argv[2] === 'hook';
// React's development build is twice as slow and much larger; the console is a production program.
process.env.NODE_ENV ??= 'production';

// A closed pipe (`warden eval … | head`) ends the output, not the process with a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(asHook ? 2 : 0);
  throw error;
});

import('../dist/cli.js')
  .then(({ main }) => main(process.argv.slice(2)))
  .then(
    (code) => {
      if (typeof code === 'number') process.exitCode = code;
    },
    (error) => {
      process.stderr.write(
        `warden: ${error instanceof Error ? error.message : String(error)}${asHook ? ' (blocking the tool: warden could not judge it)' : ''}\n`,
      );
      process.exitCode = asHook ? 2 : 1;
    },
  );

import { benchAnalyzer } from './analyzer.js';
import { benchBackends } from './backends.js';
import { benchClassifier } from './classifier.js';
import { benchEndpoint } from './endpoint.js';
import { benchLoad } from './load.js';
import { benchPreview, benchRuleHealth } from './preview.js';
import { benchUi } from './ui.js';

/** `npm run bench`: every benchmark, printing numbers (targets live here, not in timed tests). */
async function main(): Promise<void> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const only = process.argv[2];
  const benches: [string, (o: typeof out) => Promise<void>][] = [
    ['analyzer', benchAnalyzer],
    ['endpoint', benchEndpoint],
    ['load', benchLoad],
    ['classifier', benchClassifier],
    ['backends', benchBackends],
    ['ui', benchUi],
    [
      'preview',
      async (o) => {
        await benchPreview(o);
        await benchRuleHealth(o);
      },
    ],
  ];
  for (const [name, run] of benches) {
    if (only && only !== name) continue;
    out(`\n== ${name} ==`);
    await run(out);
  }
  out(`\nRSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${String(error)}\n`);
  process.exitCode = 1;
});

import type { Classifier } from '../../domain/classification.js';

/** Said where the claude-code backend is switched on: its runs are billed to the person's plan. */
export function claudeCodePlanNote(classifier: Classifier): string | undefined {
  if (classifier.status !== 'on' || !classifier.describe().startsWith('claude-code')) return undefined;
  return "classifier: runs your own `claude` CLI headless for each action the analyzer is unsure of (one or two runs); this uses your Claude plan's usage. `warden log --stats` counts the runs; classifier.backend in config.json or --classifier changes it";
}

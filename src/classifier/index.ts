export { cleanReason, parseScreen, parseVerdict } from './answer.js';
export {
  type ClassifierOptions,
  type ClassifyTiming,
  createClassifier,
  DEFAULT_DEADLINE_MS,
  DEFAULT_MODEL,
  offClassifier,
} from './client.js';
export type { EnvironmentDescription } from './prompt.js';
export {
  DEFAULT_TRANSCRIPT_BUDGET,
  readUserMessages,
  type TranscriptBudget,
  userText,
} from './transcript.js';
export { verdictFromClassifier } from './verdict.js';

export { readDecisionsInSlices } from './read-in-slices.js';
export {
  type LoggedRecord,
  type RecordedDecision,
  type RecordedOutcome,
  type RecordedRead,
  recordedDecisions,
} from './recorded-actions.js';
export {
  type ChangeGroup,
  type ChangeKind,
  groupChanges,
  type ReplayChange,
  type ReplayJudge,
  type ReplayResult,
  replayDecisions,
} from './replay.js';

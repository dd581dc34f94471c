export { type EvalCase, loadCases, parseCases } from './cases.js';
export { actionFor, CaseJudge, environmentFor } from './judge.js';
export { type EvalOptions, type EvalSummary, isDangerousCase, type ModeCounts, runEval } from './run-eval.js';

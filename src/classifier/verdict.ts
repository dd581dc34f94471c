import type { ClassifierAnswer } from '../domain/classification.js';
import { type Verdict, verdict } from '../domain/verdict.js';
import { type DenialCount, shouldEscalate } from '../policy/decide.js';

/**
 * Turns the classifier's answer into warden's verdict: allow runs, block is denied with the
 * model's reason (held for a person instead after repeated denials, as auto mode does), and unsure
 * (including every failure) is held for a person. Pure.
 */
export function verdictFromClassifier(answer: ClassifierAnswer, denials?: DenialCount): Verdict {
  const extra = answer.category ? { category: answer.category } : {};
  switch (answer.verdict) {
    case 'allow':
      return verdict('allow', 'classifier', answer.reason, extra);
    case 'block':
      if (shouldEscalate(denials)) {
        return verdict(
          'hold',
          'classifier',
          `${answer.reason} (held for a person after repeated denials)`,
          extra,
        );
      }
      return verdict('deny', 'classifier', `blocked by warden's classifier: ${answer.reason}`, extra);
    default:
      return verdict('hold', 'classifier:unsure', answer.reason, extra);
  }
}

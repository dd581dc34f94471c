/**
 * Repeated approvals become a question (issue 13): when a person approves actions that share a
 * proposed rule N times in a session, the console offers that rule for the session. Pure state
 * transitions; the commands (src/ui/commands/offer.ts) feed approvals in and check the history.
 */

/** Approvals before a rule is offered (config `offerRuleAfter`; 0 turns offers off). */
export const DEFAULT_OFFER_AFTER = 3;

export interface RuleOffer {
  /** The allow rule offered, e.g. `Bash(npm run test *)`. */
  readonly rule: string;
  /** Approvals that led to it. */
  readonly approvals: number;
}

export interface OfferState {
  /** Approvals this session per proposed rule (safe actions only). */
  readonly counts: Readonly<Record<string, number>>;
  /** Rules never to offer again this session (dismissed, accepted, or found unsafe), with why. */
  readonly closed: Readonly<Record<string, string>>;
  /** Rules whose history is being checked before they are offered. */
  readonly checking: readonly string[];
  readonly offer: RuleOffer | undefined;
}

export const NO_OFFERS: OfferState = { counts: {}, closed: {}, checking: [], offer: undefined };

/** One approved action: the rule it proposes and, when it has one, why no allow rule may cover it. */
export interface Approval {
  readonly rule: string;
  readonly risk: string | undefined;
}

/**
 * Counts approvals. A risky approval closes its rule for the session (never offered). Returns the
 * new state and the rules that just reached the threshold: the caller checks them against the
 * history (checkDone) before one is offered.
 */
export function countApprovals(
  state: OfferState,
  approvals: readonly Approval[],
  threshold: number,
): { state: OfferState; due: string[] } {
  if (threshold <= 0 || approvals.length === 0) return { state, due: [] };
  const counts = { ...state.counts };
  const closed = { ...state.closed };
  for (const a of approvals) {
    if (closed[a.rule] !== undefined) continue;
    if (a.risk !== undefined) {
      closed[a.rule] = `an approved action was risky: ${a.risk}`;
      continue;
    }
    counts[a.rule] = (counts[a.rule] ?? 0) + 1;
  }
  const due = Object.keys(counts).filter(
    (rule) =>
      counts[rule]! >= threshold &&
      closed[rule] === undefined &&
      !state.checking.includes(rule) &&
      state.offer?.rule !== rule,
  );
  return { state: { ...state, counts, closed, checking: [...state.checking, ...due] }, due };
}

/**
 * The history check of a due rule is done: offered when it found nothing risky and no other offer
 * is open (else it waits for the next approval), closed when it found something.
 */
export function checkDone(state: OfferState, rule: string, risk: string | undefined): OfferState {
  const checking = state.checking.filter((r) => r !== rule);
  if (risk !== undefined) return { ...state, checking, closed: { ...state.closed, [rule]: risk } };
  if (state.closed[rule] !== undefined || state.offer !== undefined) return { ...state, checking };
  return { ...state, checking, offer: { rule, approvals: state.counts[rule] ?? 0 } };
}

/** The person answered the offer (accepted or dismissed): it is not asked again this session. */
export function closeOffer(state: OfferState, why: string): OfferState {
  if (!state.offer) return state;
  return { ...state, offer: undefined, closed: { ...state.closed, [state.offer.rule]: why } };
}

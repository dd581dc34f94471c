/** Seconds warden asks the agent to wait for a hook (installed into the agent's settings). */
export const HOOK_TIMEOUT_SECONDS = 1800;
/** warden answers a held action itself this long before the agent's hook would time out. */
export const HOLD_MARGIN_MS = 20_000;

import { useSyncExternalStore } from 'react';
import type { StoreApi } from 'zustand/vanilla';

/** The whole state of a vanilla store; re-renders on every change (React batches a tick's changes). */
export function useStoreState<T>(store: StoreApi<T>): T {
  return useSyncExternalStore(store.subscribe, store.getState, store.getState);
}

import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { formatCode } from '../../web/pairing.js';
import type { View } from '../console/ui-state.js';
import { useStoreState } from '../console/use-store.js';
import type { WebConsole } from '../deps.js';
import { clip, oneLine, timeOf } from '../format.js';
import { useTheme } from '../theme.js';

/** Re-renders every second (the code's countdown). */
function useClock(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * `w`: the page's address, the one-time pairing code (text and QR), the browser asking to pair
 * (y/n), and the paired browsers (x revokes the one under the cursor).
 */
export function PairView({
  web,
  view: pair,
  width,
}: {
  web: WebConsole;
  view: Extract<View, { kind: 'pair' }>;
  width: number;
}) {
  const theme = useTheme();
  const view = useStoreState(web.pairing);
  const now = useClock();
  const asking = view.requests.find((r) => r.owner === 'console' && r.state === 'waiting');
  // The code on screen while it can still be opened (used or expired: it is gone from the view).
  const shown = pair.shown && view.shown?.code === pair.shown.code ? pair.shown : undefined;
  const left = shown ? Math.max(0, Math.ceil((shown.expiresAt - now) / 1000)) : 0;
  return (
    <Box flexDirection="column">
      {asking ? (
        <Text bold color={theme.accent} wrap="truncate">
          {clip(`pair ${oneLine(asking.browser)}, ${oneLine(asking.os)}, ${asking.address}? y/n`, width)}
        </Text>
      ) : null}
      <Text wrap="truncate">{clip(`Approval page ${web.pageUrl}`, width)}</Text>
      {shown && left > 0 ? (
        <>
          <Text wrap="truncate">
            {clip(
              `Open on your phone or browser (one use, ${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')} left):`,
              width,
            )}
          </Text>
          <Text bold wrap="truncate">
            {clip(`  ${shown.link}`, width)}
          </Text>
          <Text wrap="truncate">{`  code ${formatCode(shown.code)}`}</Text>
        </>
      ) : (
        <Text dimColor={theme.dim} wrap="truncate">
          {shown
            ? 'The code expired: press Esc, then w for a new one.'
            : asking
              ? ' '
              : 'Making a pairing code… (w again for a new one)'}
        </Text>
      )}
      <Text> </Text>
      <Text bold>{`Paired browsers (${view.sessions.length})`}</Text>
      {view.sessions.length === 0 ? <Text dimColor={theme.dim}> none</Text> : null}
      {view.sessions.map((session, i) => {
        const selected =
          pair.selected === session.id ||
          ((pair.selected === undefined || !view.sessions.some((s) => s.id === pair.selected)) && i === 0);
        return (
          <Text key={session.id} wrap="truncate" inverse={selected}>
            {clip(
              `${selected ? '›' : ' '} ${oneLine(session.browser)} on ${oneLine(session.os)} from ${session.address}, paired ${timeOf(session.pairedAt)}${session.pairedBy === 'cli' ? ' (warden pair)' : ''}, seen ${timeOf(session.lastSeen)}`,
              width,
            )}
          </Text>
        );
      })}
      {shown && left > 0 ? (
        <Box flexDirection="column" marginTop={1}>
          {shown.qr.split('\n').map((line: string, i: number) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the QR's rows have no other identity
            <Text key={i}>{line}</Text>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}

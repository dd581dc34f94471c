import { Box, Text } from 'ink';
import { useTheme } from '../theme.js';

/** Shown before any agent connects: how to connect, and where the console listens. */
export function Welcome({ endpoint }: { endpoint: string | undefined }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      <Text bold>No agent connected yet.</Text>
      <Text> </Text>
      <Text>Connect Claude Code (once per machine or project):</Text>
      <Text color={theme.accent}> warden install claude-code</Text>
      <Text>then start `claude` in another pane; its tool calls appear here.</Text>
      <Text> </Text>
      <Text wrap="truncate">Endpoint: {endpoint ?? 'not listening (no server in this run)'}</Text>
      <Text dimColor={theme.dim}>Try it without an agent: warden --demo</Text>
    </Box>
  );
}

/**
 * Where the warden console runs, as far as it could find out at start-up: its process, its
 * addresses, its terminal and the multiplexer panes around it. The policy and the analyzer judge
 * against it whether a command could press keys in the console, read its screen or silence it.
 * Every field may be missing: a missing one means "unknown", and an unknown target counts as
 * possibly the console's.
 */
export interface ConsoleFacts {
  /** The console's process id. */
  readonly pid?: number;
  /** Names a process matcher sees without `-f` (`node`, `warden`): /proc/PID/comm and argv[0]. */
  readonly processNames: readonly string[];
  /** The whole command line (`pkill -f` matches it). */
  readonly commandLine: string;
  /** Where warden listens: the hook endpoint and any other page it serves (from endpoint.json). */
  readonly addresses: readonly ConsoleAddress[];
  /** The console's terminal device (`/dev/pts/3`); absent when it has none or it is unknown. */
  readonly tty?: string;
  /** Whether the console was started on a terminal at all (`warden serve` in CI is not). */
  readonly interactive: boolean;
  readonly tmux?: TmuxPlace;
  readonly screen?: ScreenPlace;
  readonly zellij?: { readonly session?: string; readonly paneId?: string };
  readonly wezterm?: { readonly paneId?: string };
  readonly kitty?: { readonly windowId?: string };
  /** Files other than the standard places that hold warden's hook token (recorded by install). */
  readonly tokenFiles: readonly string[];
}

export interface ConsoleAddress {
  readonly host: string;
  readonly port: number;
}

/** The console's tmux pane: from $TMUX/$TMUX_PANE and `tmux display -p` at start-up. */
export interface TmuxPlace {
  /** The server's socket path (first field of $TMUX). */
  readonly socket?: string;
  readonly sessionName?: string;
  /** `$3` */
  readonly sessionId?: string;
  readonly windowIndex?: string;
  /** `@4` */
  readonly windowId?: string;
  readonly windowName?: string;
  /** `%5` */
  readonly paneId?: string;
  readonly paneIndex?: string;
}

/** The console's GNU screen session: $STY (`1234.pts-0.host` or `1234.name`) and $WINDOW. */
export interface ScreenPlace {
  readonly session: string;
  readonly window?: string;
}

/**
 * What main does when something dies: an exception nobody caught, a rejected promise nobody
 * handled, the window's renderer gone, a helper process gone. Each is logged (through the
 * redacting logger, with the error's class and code and its stack frames, never its message),
 * the user is told, and the data stays consistent:
 *
 * - An uncaught exception leaves main in an unknown state: the user is told in a native box,
 *   the core shuts down as on quit (held secrets wiped, a clipboard still holding one cleared,
 *   the database closed; SQLite commits whole transactions, and an operation that was under way
 *   is reported as interrupted at the next start), and the app exits with code 1.
 * - An unhandled rejection is logged and said in the window once; the app carries on.
 * - A lost renderer: the vault keeps what it held for one more showing (60 s), the window is
 *   reloaded and says what happened. Three losses within a minute mean it would only crash again:
 *   the user is told and the app quits cleanly instead of looping.
 * - A helper process (GPU, network, utility) that died abnormally: Chromium starts a new one by
 *   itself; it is logged and said once per kind.
 *
 * Everything Electron-specific comes in through `CrashDeps`, so the tests drive it with fakes
 * (Node EventEmitters standing for `process`, `app` and the window's web contents).
 */
import type { Logger } from '../core/log/logger';
import { redactString } from '../core/log/redact';
import type { Notice } from '../../src-preload/contract';

export interface CrashDeps {
  log: Logger;
  now: () => number;
  /** The window's notices (the core's notice board), once the core is up. */
  notify: (notice: Notice) => void;
  /** A native error box (works before the app is ready, too). */
  showError: (title: string, message: string) => void;
  /** The core's clean shutdown, if it is up (wipes secrets, clears the clipboard, closes the database). */
  shutdown: () => Promise<void>;
  /** Tells the vault that the window showing a secret is gone. */
  rendererLost: () => void;
  reloadWindow: () => void;
  /** A clean quit (before-quit runs the shutdown). */
  quit: () => void;
  /** Ends the process at once with this code. */
  exit: (code: number) => void;
  /** True once the app is quitting: processes ending then are expected. */
  quitting: () => boolean;
}

/** Electron's `RenderProcessGoneDetails` / `Details` (child-process-gone), as far as used here. */
export interface GoneDetails {
  reason: string;
  exitCode?: number;
  type?: string;
  name?: string;
  serviceName?: string;
}

const RENDERER_LOSSES_BEFORE_GIVING_UP = 3;
const RENDERER_LOSS_WINDOW_MS = 60_000;
/** Chromium's reasons for a process that ended as it should. */
const EXPECTED_REASONS = new Set(['clean-exit']);

/** The error's class, code and stack frames: never its message, which may quote a response body. */
function describe(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: typeof error };
  const frames = (error.stack ?? '')
    .split('\n')
    .slice(1, 9)
    .map((line) => redactString(line.trim()));
  return { error, frames };
}

export interface CrashHandlers {
  uncaughtException(error: unknown): void;
  unhandledRejection(reason: unknown): void;
  rendererGone(details: GoneDetails): void;
  childProcessGone(details: GoneDetails): void;
}

export function createCrashHandlers(deps: CrashDeps): CrashHandlers {
  let fatal = false;
  let rejectionSaid = false;
  const rendererLosses: number[] = [];
  const childrenSaid = new Set<string>();

  return {
    uncaughtException(error) {
      deps.log.error('uncaught exception in main; shutting down', describe(error));
      if (fatal) return;
      fatal = true;
      deps.showError(
        'Tokenkeeper has to close',
        'Something went wrong inside Tokenkeeper and it cannot safely go on. Your token cache is intact: changes are saved whole or not at all. Start Tokenkeeper again; details are in the log.',
      );
      void deps
        .shutdown()
        .catch((shutdownError: unknown) =>
          deps.log.error('shutdown after a crash failed', describe(shutdownError)),
        )
        .finally(() => deps.exit(1));
    },

    unhandledRejection(reason) {
      deps.log.error('unhandled promise rejection in main', describe(reason));
      if (rejectionSaid) return;
      rejectionSaid = true;
      deps.notify({
        id: 'main-unhandled-rejection',
        level: 'warning',
        title: 'Something went wrong in the background',
        message:
          'A background task of Tokenkeeper failed unexpectedly. Nothing was half-written; if something looks out of date, sync again. Details are in the log.',
      });
    },

    rendererGone(details) {
      if (EXPECTED_REASONS.has(details.reason) || deps.quitting()) return;
      deps.log.warn('the window’s renderer is gone', { reason: details.reason, exitCode: details.exitCode });
      deps.rendererLost();
      const now = deps.now();
      rendererLosses.push(now);
      while (rendererLosses.length > 0 && rendererLosses[0]! < now - RENDERER_LOSS_WINDOW_MS)
        rendererLosses.shift();
      if (rendererLosses.length >= RENDERER_LOSSES_BEFORE_GIVING_UP) {
        deps.showError(
          'Tokenkeeper’s window keeps stopping',
          `The window stopped ${rendererLosses.length} times within a minute (${details.reason}), so Tokenkeeper is closing instead of trying again. Your data is intact; details are in the log.`,
        );
        deps.quit();
        return;
      }
      deps.notify({
        id: 'renderer-gone',
        level: 'warning',
        title: 'The window stopped unexpectedly and was reopened',
        message: `Its page ended (${details.reason}). Nothing was lost; a new secret it was showing is shown once more, for a minute.`,
      });
      deps.reloadWindow();
    },

    childProcessGone(details) {
      if (EXPECTED_REASONS.has(details.reason) || deps.quitting()) return;
      const kind = details.type ?? 'helper';
      deps.log.warn('a helper process is gone', {
        type: kind,
        reason: details.reason,
        exitCode: details.exitCode,
        ...(details.serviceName === undefined ? {} : { serviceName: details.serviceName }),
      });
      if (childrenSaid.has(kind)) return;
      childrenSaid.add(kind);
      deps.notify({
        id: `child-process-gone:${kind}`,
        level: 'info',
        title: 'A helper process of Tokenkeeper stopped',
        message: `The ${kind} process ended (${details.reason}) and was started again. Nothing was lost; if the window looks wrong, close and reopen it.`,
      });
    },
  };
}

/** The event sources, typed as far as used (Electron's `app` and the window's web contents). */
export interface EventSource {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** Hooks the handlers to the process, the app and the main window's web contents. */
export function installCrashHandlers(
  sources: { process: EventSource; app: EventSource },
  handlers: CrashHandlers,
): void {
  sources.process.on('uncaughtException', (error: unknown) => handlers.uncaughtException(error));
  sources.process.on('unhandledRejection', (reason: unknown) => handlers.unhandledRejection(reason));
  sources.app.on('child-process-gone', (_event, details) =>
    handlers.childProcessGone(details as GoneDetails),
  );
}

/** The main window's renderer: `render-process-gone` on its web contents. */
export function watchRenderer(contents: EventSource, handlers: CrashHandlers): void {
  contents.on('render-process-gone', (_event, details) => handlers.rendererGone(details as GoneDetails));
}

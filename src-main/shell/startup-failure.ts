/**
 * A start-up that fails is never silent. Until the main window shows, any exception (a start-up
 * step that throws, a page that cannot load, a preload that fails) is written to the log,
 * redacted, and shown in a native error box that names the log file; then the app exits with
 * code 1. Without this a user saw nothing at all: no window, and an empty log.
 *
 * Electron arrives through the small outlet below (main.ts passes dialog.showErrorBox and
 * app.exit), so this is unit-tested without it; only `type` imports from electron appear here.
 */
import path from 'node:path';
import type { BrowserWindow } from 'electron';
import { LOG_FILE_NAME, createFileLogger, type Logger } from '../core/log/logger';
import { redactString } from '../core/log/redact';

export interface StartupFailureOutlet {
  /** The app's log once start-up opened it; until then a logger is opened in `logDir()`. */
  log: () => Logger | null;
  /** The log folder (may itself throw, e.g. when Electron cannot tell the user data folder). */
  logDir: () => string;
  showErrorBox(title: string, content: string): void;
  exit(code: number): void;
}

export interface FailureWording {
  title?: string;
  /** What went wrong, in the user's words; the error itself follows unless `showError` is false. */
  summary?: string;
  showError?: boolean;
}

const MAX_DETAIL = 400;

/** The error's class and first line, redacted and bounded: what the box and the log show. */
export function describeError(error: unknown): string {
  const text =
    error instanceof Error ? `${error.name}: ${error.message}` : `Unexpected value thrown: ${String(error)}`;
  const firstLine = text.split('\n')[0] ?? '';
  const bounded = firstLine.length > MAX_DETAIL ? `${firstLine.slice(0, MAX_DETAIL)}…` : firstLine;
  return redactString(bounded);
}

function stackOf(error: unknown): string | undefined {
  if (!(error instanceof Error) || error.stack === undefined) return undefined;
  return redactString(error.stack.split('\n').slice(0, 12).join('\n'));
}

/** Logs, shows the box, exits; runs once however many failures follow the first. */
export function createStartupFailure(
  outlet: StartupFailureOutlet,
): (error: unknown, wording?: FailureWording) => void {
  let reported = false;
  return (error, wording = {}) => {
    if (reported) return;
    reported = true;
    let logFile: string | null = null;
    let logDir: string | null = null;
    try {
      logDir = outlet.logDir();
      const log = outlet.log() ?? createFileLogger({ dir: logDir, fileName: LOG_FILE_NAME });
      log.error('start-up failed', { error, detail: describeError(error), stack: stackOf(error) });
      logFile = path.join(logDir, LOG_FILE_NAME);
    } catch {
      // The log itself cannot be written: the box says so instead of naming a file.
    }
    const lines = [wording.summary ?? 'Tokenkeeper stopped while starting.'];
    if (wording.showError !== false) lines.push(describeError(error));
    lines.push(
      logFile !== null
        ? `Details are in the log: ${logFile}`
        : `The log could not be written either${logDir === null ? '' : ` (${logDir})`}.`,
    );
    try {
      outlet.showErrorBox(wording.title ?? 'Tokenkeeper could not start', lines.join('\n\n'));
    } finally {
      outlet.exit(1);
    }
  };
}

/**
 * Until the window first shows, a main-frame load that fails (the renderer missing from the
 * build, a dev server that is not running) or a preload that fails is a failed start: the
 * window would stay hidden, or show a page with no bridge to the app.
 */
export function failUntilShown(win: BrowserWindow, fail: (error: Error) => void, onShown: () => void): void {
  let shown = false;
  win.once('show', () => {
    shown = true;
    onShown();
  });
  win.webContents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
    // -3 (ERR_ABORTED): this load was replaced by another, not a failure.
    if (shown || !isMainFrame || code === -3) return;
    fail(new Error(`The window could not load ${url}: ${description} (${code})`));
  });
  win.webContents.on('preload-error', (_event, preloadPath, error) => {
    if (!shown)
      fail(new Error(`The window's preload ${preloadPath} failed: ${error.message}`, { cause: error }));
  });
}

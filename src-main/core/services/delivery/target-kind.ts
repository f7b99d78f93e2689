/**
 * A kind of delivery target: a place a rotated token's new secret is written to (a `.env` file,
 * a command, a GitHub Actions secret, a GitLab CI/CD variable, a 1Password field). The delivery
 * pipeline (`services/delivery/`) knows targets only through this interface, so a new kind is one
 * module and one line in the kinds' registry, and the renderer draws its form from `fields`.
 *
 * The secret passes through `deliver` and `verify` as an argument only: a kind never stores it,
 * logs it, puts it in a URL, an argv, an environment or a temporary file, and never puts it in a
 * message or a receipt.
 */
import type { HttpClient } from '../../http/client';
import type { Clock } from '../../ports';

/** One field of a target's form, drawn generically by the renderer. */
export interface DeliveryTargetField {
  key: string;
  label: string;
  help?: string;
  placeholder?: string;
  /** text: free text; path: a file the user picks (a native dialog in the shell); choice: one of `choices`. */
  type: 'text' | 'path' | 'choice' | 'flag' | 'list';
  choices?: readonly { value: string; label: string }[];
  required: boolean;
}

/** What a delivery kept to verify it later: never the secret; a hash or a server's timestamp. */
export type DeliveryReceipt = Record<string, string | number | boolean | null>;

export interface DeliveryContext {
  clock: Clock;
  /** The HTTP layer, bound to the delivery connection's credential origin (remote kinds only). */
  http?: HttpClient;
  /** The delivery connection's credential (a GitHub or GitLab token), read from the keychain for this one call. */
  credential?: string;
  /** The delivery connection's base URL (e.g. https://api.github.com), for remote kinds. */
  baseUrl?: string;
  /**
   * The origin the delivery connection's credential was saved for; the HTTP layer refuses any
   * request elsewhere. Absent: the base URL's origin (the resolver checked they agree).
   */
  credentialOrigin?: string;
  /** Spawns a program without a shell (command and 1Password kinds); the shell's or the test host's. */
  spawn?: SpawnPort;
  signal?: AbortSignal;
}

export interface SpawnRequest {
  file: string;
  args: readonly string[];
  /** Written to standard input, then closed. The only way a secret reaches a child process. */
  stdin: string;
  /** The whole environment of the child: minimal, never holding the secret. */
  env: Record<string, string>;
  timeoutMs: number;
  cwd?: string;
}

export interface SpawnResult {
  exitCode: number | null;
  timedOut: boolean;
  /** Kept short and redacted by the caller before it is shown or logged. */
  stdout: string;
  stderr: string;
}

export interface SpawnPort {
  run(request: SpawnRequest): Promise<SpawnResult>;
}

/**
 * Remote kinds deliver through a delivery connection: a credential of its own (e.g. a GitHub
 * fine-grained token with secrets write access), kept in the OS keychain and bound to the origin
 * it was saved for. A remote kind's config holds `connectionId`; the pipeline asks the resolver
 * for the rest just before the call and forgets it after.
 */
export interface DeliveryConnectionResolver {
  resolve(
    connectionId: string,
  ): Promise<{ baseUrl: string; http: HttpClient; credential: string; credentialOrigin?: string }>;
}

export type VerifyOutcome = { verified: true } | { verified: false; reason: string };

export interface DeliveryTargetKind<Config extends Record<string, unknown> = Record<string, unknown>> {
  /** Stable id stored with the target: 'file' | 'command' | 'github_actions' | 'gitlab_variable' | 'onepassword'. */
  id: string;
  label: string;
  /** Remote kinds deliver through a delivery connection (a credential of its own, in the keychain). */
  needsConnection: null | { provider: string; label: string };
  fields: readonly DeliveryTargetField[];
  /** Checks and normalises what the form sent; throws AppError `invalid_input` with a sentence. */
  parse(input: Record<string, unknown>): Config;
  /** One line for lists and journals, e.g. "API_TOKEN in ~/app/.env". Never the secret. */
  describe(config: Config): string;
  /** Writes the secret; throws AppError with a clear message on failure (nothing half-written). */
  deliver(config: Config, secret: string, context: DeliveryContext): Promise<DeliveryReceipt>;
  /** Checks the target now holds the secret (a hash read back, a timestamp that moved). */
  verify(
    config: Config,
    secret: string,
    receipt: DeliveryReceipt,
    context: DeliveryContext,
  ): Promise<VerifyOutcome>;
}
